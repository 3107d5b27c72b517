package dev.hpo.study.service;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Hyperparameter values and metrics are stored as JSON text; this keeps their (de)serialisation in one place. */
public final class ParamsJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECTS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Double>> NUMBERS = new TypeReference<>() {
    };

    private ParamsJson() {
    }

    public static String write(Map<String, ?> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("values cannot be written as JSON: " + values, e);
        }
    }

    public static Map<String, Object> readParams(String json) {
        try {
            return JSON.readValue(json, OBJECTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored hyperparameters are not valid JSON: " + json, e);
        }
    }

    public static Map<String, Double> readMetrics(String json) {
        try {
            return JSON.readValue(json, NUMBERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metrics are not valid JSON: " + json, e);
        }
    }
}

package dev.hpo.study.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads study specs strictly: an unknown field is a typo to report (not to ignore), and a number written as a
 * string is a wrong type. Errors name the JSON path of the field.
 */
public final class StudySpecReader {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private StudySpecReader() {
    }

    /** Specs already stored, by their text: they never change, so each is parsed and validated once. */
    private static final int STORED_CACHE_SIZE = 1_000;
    private static final Map<String, ValidStudy> STORED = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ValidStudy> eldest) {
                    return size() > STORED_CACHE_SIZE;
                }
            });

    /**
     * A study's stored spec, validated when it was submitted. Event handling reads it for every epoch, so the
     * result is kept rather than parsing and validating the text again each time. Its model builder was accepted
     * then, so it is accepted now even when it is not built in and no longer listed in
     * {@code hpo.study.custom-model-builders}: a running study goes on.
     */
    public static ValidStudy readStored(String storedSpec) {
        ValidStudy cached = STORED.get(storedSpec);
        if (cached == null) {
            StudySpec spec = parse(storedSpec);
            Set<String> accepted = spec.model() == null || spec.model().builder() == null ? Set.of()
                    : Set.of(spec.model().builder());
            cached = StudySpecValidator.validate(spec, accepted);
            STORED.put(storedSpec, cached);
        }
        return cached;
    }

    /** Parses and validates, with the built-in model builders only; the result is ready to store. */
    public static ValidStudy read(String json) {
        return read(json, Set.of());
    }

    /**
     * Parses and validates; the result is ready to store.
     *
     * @param customBuilders model builders of one's own that the runners have ({@code hpo.study.custom-model-builders})
     */
    public static ValidStudy read(String json, Set<String> customBuilders) {
        return StudySpecValidator.validate(parse(json), customBuilders);
    }

    public static StudySpec parse(String json) {
        try {
            return parse(json, StudySpec.class, "a study spec");
        } catch (InvalidRequestException e) {
            throw new InvalidStudyException(e.errors());
        }
    }

    /**
     * Reads another request body as strictly as a spec: an unknown field or a wrong type is an error that names
     * its JSON path.
     *
     * @param what what the body should be, for the message about an empty one
     * @throws InvalidRequestException naming the field
     */
    public static <T> T parse(String json, Class<T> type, String what) {
        if (json == null || json.isBlank()) {
            throw new InvalidRequestException("", "the request body is empty; send " + what + " as JSON");
        }
        try {
            return STRICT.readValue(json, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidRequestException(path(e), "unknown field '" + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (InvalidFormatException e) {
            throw new InvalidRequestException(path(e), "'" + e.getValue() + "' is not a valid "
                    + e.getTargetType().getSimpleName().toLowerCase());
        } catch (MismatchedInputException e) {
            String expected = e.getTargetType() == null ? "a different type" : describe(e.getTargetType());
            throw new InvalidRequestException(path(e), "wrong type: expected " + expected);
        } catch (JsonMappingException e) {
            throw new InvalidRequestException(path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("", "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** The stored spec as JSON: what {@link #read} accepts back. */
    public static String write(StudySpec spec) {
        try {
            return STRICT.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated spec could not be written as JSON", e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return type.getSimpleName();
    }
}

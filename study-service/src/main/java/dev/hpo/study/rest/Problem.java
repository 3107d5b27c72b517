package dev.hpo.study.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.hpo.study.spec.FieldError;

/**
 * An error answer in the RFC 9457 ({@code application/problem+json}) shape, with the offending fields listed.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem invalidStudy(List<FieldError> errors) {
        return new Problem("https://hpo.dev/problems/invalid-study", "Invalid study spec", 400,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
    }

    public static Problem invalidRequest(List<FieldError> errors) {
        return new Problem("https://hpo.dev/problems/invalid-request", "Invalid request", 400,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
    }

    public static Problem notFound(String detail) {
        return new Problem("https://hpo.dev/problems/not-found", "Not found", 404, detail, List.of());
    }
}

package dev.hpo.study.spec;

/**
 * One thing wrong with a submitted study.
 *
 * @param field   JSON path of the offending field, e.g. {@code space.units.step}
 * @param message what is wrong and what would be right
 */
public record FieldError(String field, String message) {
}

package dev.hpo.study.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A study spec that cannot be run, with every problem found in it. */
public class InvalidStudyException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidStudyException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public InvalidStudyException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}

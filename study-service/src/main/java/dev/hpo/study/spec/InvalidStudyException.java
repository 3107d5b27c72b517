package dev.hpo.study.spec;

import java.util.List;

/** A study spec that cannot be run, with every problem found in it. */
public class InvalidStudyException extends InvalidRequestException {

    public InvalidStudyException(List<FieldError> errors) {
        super(errors);
    }

    public InvalidStudyException(String field, String message) {
        super(field, message);
    }
}

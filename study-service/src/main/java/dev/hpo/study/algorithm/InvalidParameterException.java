package dev.hpo.study.algorithm;

/**
 * A search-space parameter was declared with settings that cannot work. {@link #field()} names the setting
 * ({@code min}, {@code step}, {@code values}, ...), so the caller can point the user at it.
 */
public class InvalidParameterException extends IllegalArgumentException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package dev.hpo.runner.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a trial's hyperparameter values by name, typed and range-checked, and remembers which names it read, so
 * that a value the trial would silently ignore can be refused ({@link #refuseUnread}). Every error is an
 * {@link IllegalArgumentException} naming the hyperparameter, the accepted values and the value given; the runner
 * reports it as the trial's failure. The trainer reads its hyperparameters with it; builders may too.
 * <p>
 * Values arrive as JSON does: numbers of any Java type (a whole number may be written {@code 64.0}), booleans,
 * strings, lists. A JSON {@code null} counts as absent.
 */
public final class HyperparameterReader {

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    public HyperparameterReader(Map<String, ?> values) {
        values.forEach((name, value) -> {
            if (value != null) {
                this.values.put(name, value);
            }
        });
    }

    /** Whether the trial set {@code name}; does not count as reading it. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    public double positive(String name, double fallback) {
        double value = number(name, fallback);
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, was " + value);
        }
        return value;
    }

    public double nonNegative(String name, double fallback) {
        double value = number(name, fallback);
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    /** A number in [0, 1). */
    public double fraction(String name, double fallback) {
        double value = number(name, fallback);
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), was " + value);
        }
        return value;
    }

    public double number(String name, double fallback) {
        Object value = value(name);
        if (value == null) {
            return fallback;
        }
        double number = toDouble(name, value);
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
        return number;
    }

    /** A whole number in [min, max] ({@code Integer.MAX_VALUE} as max means no upper bound). */
    public int wholeNumber(String name, int fallback, int min, int max) {
        Object value = value(name);
        if (value == null) {
            return fallback;
        }
        double number = toDouble(name, value);
        if (number != Math.rint(number)) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + value);
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(name + " must be " + (max == Integer.MAX_VALUE ? ">= " + min
                    : "in [" + min + ", " + max + "]") + ", was " + value);
        }
        return (int) number;
    }

    /** A whole number out of {@code allowed}. */
    public int wholeNumberOf(String name, int fallback, List<Integer> allowed) {
        Object value = value(name);
        if (value == null) {
            return fallback;
        }
        double number = toDouble(name, value);
        if (number != Math.rint(number) || !allowed.contains((int) number)) {
            throw new IllegalArgumentException(name + " must be one of " + allowed + ", was " + value);
        }
        return (int) number;
    }

    public boolean bool(String name, boolean fallback) {
        Object value = value(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new IllegalArgumentException(name + " must be a boolean (true or false), was " + describe(value));
    }

    /** A string out of {@code allowed}, or any string when {@code allowed} is null (checked by the caller). */
    public String choice(String name, List<String> allowed, String fallback) {
        Object value = value(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(name + " must be a string, was " + describe(value));
        }
        if (allowed != null && !allowed.contains(text)) {
            throw new IllegalArgumentException(name + " must be one of " + allowed + ", was '" + text + "'");
        }
        return text;
    }

    /**
     * A list of finite numbers: a JSON array, or a string of comma-separated numbers in optional brackets
     * ({@code "[10, 20]"}), for search spaces whose choices must be scalars. Empty when absent.
     */
    public Optional<List<Double>> numbers(String name) {
        Object value = value(name);
        if (value == null) {
            return Optional.empty();
        }
        List<?> items;
        if (value instanceof List<?> list) {
            items = list;
        } else if (value instanceof String text) {
            String inner = text.strip();
            if (inner.startsWith("[") && inner.endsWith("]")) {
                inner = inner.substring(1, inner.length() - 1);
            }
            items = inner.isBlank() ? List.of() : Arrays.stream(inner.split(",")).map(String::strip).toList();
        } else {
            throw new IllegalArgumentException(name + " must be a list of numbers, was " + describe(value));
        }
        List<Double> numbers = new ArrayList<>();
        for (Object item : items) {
            double number;
            if (item instanceof String text) {
                try {
                    number = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must be a list of numbers, was " + value);
                }
            } else if (item instanceof Number) {
                number = toDouble(name, item);
            } else {
                throw new IllegalArgumentException(name + " must be a list of numbers, was " + value);
            }
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException(name + " must be a list of finite numbers, was " + value);
            }
            numbers.add(number);
        }
        return Optional.of(numbers);
    }

    /** Names the trial set but nothing has read, sorted. */
    public Set<String> unread() {
        Set<String> unread = new TreeSet<>(values.keySet());
        unread.removeAll(read);
        return unread;
    }

    /**
     * Refuses the names the trial set but nothing read: a trial must not train on a value it ignores.
     *
     * @param whereItApplies for each such name, the setting under which it would be read
     * @param context        the settings that decided it, e.g. {@code optimizer adam, lr_schedule constant}
     */
    public void refuseUnread(Function<String, String> whereItApplies, String context) {
        Set<String> unread = unread();
        if (unread.isEmpty()) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        for (String name : unread) {
            reasons.add("'" + name + "' applies only with " + whereItApplies.apply(name));
        }
        throw new IllegalArgumentException("hyperparameter" + (unread.size() == 1 ? " " : "s ") + unread
                + (unread.size() == 1 ? " does" : " do") + " not apply to this trial (" + context + "): "
                + String.join("; ", reasons) + ". Send a hyperparameter only when it applies.");
    }

    /**
     * Names for a message, with runs of numbered names shortened: {@code units_1 … units_16} for
     * {@code units_1, units_2, …, units_16}.
     */
    public static String list(Collection<String> names) {
        List<String> out = new ArrayList<>();
        List<String> ordered = new ArrayList<>(names);
        for (int i = 0; i < ordered.size(); i++) {
            String name = ordered.get(i);
            int j = i;
            while (j + 1 < ordered.size() && ordered.get(j + 1).equals(stem(name) + (number(name) + j + 1 - i))) {
                j++;
            }
            if (number(name) == 1 && j - i >= 2) {
                out.add(name + " … " + ordered.get(j));
                i = j;
            } else {
                out.add(name);
            }
        }
        return String.join(", ", out);
    }

    private static String stem(String name) {
        int underscore = name.lastIndexOf('_');
        return underscore < 0 ? name : name.substring(0, underscore + 1);
    }

    private static int number(String name) {
        int underscore = name.lastIndexOf('_');
        try {
            return underscore < 0 ? -1 : Integer.parseInt(name.substring(underscore + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Object value(String name) {
        read.add(name);
        return values.get(name);
    }

    private static double toDouble(String name, Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigDecimal || value instanceof BigInteger) {
            return ((Number) value).doubleValue();
        }
        throw new IllegalArgumentException(name + " must be a number, was " + describe(value));
    }

    /** A value with its JSON type, for messages: {@code 'big' (a string)}. */
    public static String describe(Object value) {
        if (value instanceof String text) {
            return "'" + text + "' (a string)";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value + " (a " + (value instanceof Boolean ? "boolean" : "number") + ")";
        }
        if (value instanceof List<?> list) {
            return list + " (a list)";
        }
        return value + " (a " + value.getClass().getSimpleName() + ")";
    }
}

package dev.hpo.kubernetes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a Kubernetes object into its fabric8 model class and refuses fields the model does not know. The model
 * classes keep unknown fields in {@code additionalProperties} instead of failing, so every object of the tree is
 * walked and each such map must be empty: a misspelt or misplaced field ({@code readinesProbe}, {@code envFrom} under
 * the pod) fails here rather than being dropped by the API server.
 */
final class Strict {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private Strict() {
    }

    static <T> T read(JsonNode node, Class<T> type) {
        T value = MAPPER.convertValue(node, type);
        List<String> unknown = new ArrayList<>();
        walk(value, node.path("kind").asText() + " " + node.path("metadata").path("name").asText(), unknown);
        assertTrue(unknown.isEmpty(), () -> "fields the Kubernetes API does not define: " + unknown);
        return value;
    }

    private static void walk(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", unknown);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, unknown));
        } else if (value != null && value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            for (Method getter : value.getClass().getMethods()) {
                String name = getter.getName();
                if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class
                        || !name.startsWith("get") || name.length() == 3) {
                    continue;
                }
                Object child = invoke(getter, value, path, unknown);
                if (name.equals("getAdditionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + " " + extra.keySet());
                    }
                } else {
                    walk(child, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), unknown);
                }
            }
        }
    }

    private static Object invoke(Method getter, Object target, String path, List<String> problems) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            problems.add(path + "." + getter.getName() + "() failed: " + e.getCause());
            return null;
        }
    }
}

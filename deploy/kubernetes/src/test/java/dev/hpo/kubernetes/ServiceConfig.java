package dev.hpo.kubernetes;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service reads as configuration, taken from its sources: the keys of its
 * {@code src/main/resources/application.properties} (profiles other than prod left out), the environment variables
 * those values reference ({@code ${HPO_DB_URL:...}}), and the keys of its {@code @ConfigMapping} interfaces with
 * their {@code @WithDefault} values.
 */
final class ServiceConfig {

    /** The prefix as a literal, or the name of a constant of the interface that holds it. */
    private static final Pattern MAPPING_PREFIX =
            Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*(?:\"([^\"]+)\"|(?:\\w+\\.)?(\\w+))\\s*\\)");
    private static final Pattern NESTED_GROUP = Pattern.compile("^    interface (\\w+) \\{\\s*$");
    private static final Pattern WITH_DEFAULT = Pattern.compile("^\\s*@WithDefault\\(\"(.*)\"\\)\\s*$");
    private static final Pattern ACCESSOR = Pattern.compile("^\\s+[\\w.<>?, ]+\\s+(\\w+)\\(\\);\\s*$");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private final String name;
    private final Map<String, String> properties;
    private final Map<String, Optional<String>> mappingKeys;

    private ServiceConfig(String name, Map<String, String> properties, Map<String, Optional<String>> mappingKeys) {
        this.name = name;
        this.properties = properties;
        this.mappingKeys = mappingKeys;
    }

    /** {@code study-service}, {@code trial-runner} or {@code dashboard}: the module directory at the root. */
    static ServiceConfig of(String service) {
        Path module = Repository.root().resolve(service);
        return new ServiceConfig(service, properties(module.resolve("src/main/resources/application.properties")),
                mappingKeys(module.resolve("src/main/java")));
    }

    String name() {
        return name;
    }

    Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    int httpPort() {
        return Integer.parseInt(property("quarkus.http.port")
                .orElseThrow(() -> new IllegalStateException(name + " sets no quarkus.http.port")));
    }

    /** The value of a {@code @ConfigMapping} key's {@code @WithDefault}, e.g. {@code hpo.runner.shutdown-timeout}. */
    Optional<String> mappingDefault(String key) {
        return mappingKeys.getOrDefault(key, Optional.empty());
    }

    /** Every topic a channel of the service names ({@code ...topic} keys, dead-letter topics included). */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                topics.add(value);
            }
        });
        return topics;
    }

    /**
     * Every environment variable through which the service takes configuration: each key in its environment form
     * (MicroProfile Config: non-alphanumerics to {@code _}, upper case) and each variable a value references.
     */
    Set<String> environmentNames() {
        Set<String> names = new TreeSet<>();
        Stream.concat(properties.keySet().stream(), mappingKeys.keySet().stream()).map(ServiceConfig::environmentName)
                .forEach(names::add);
        properties.values().forEach(value -> {
            Matcher matcher = REFERENCE.matcher(value);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        });
        return names;
    }

    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Quarkus' duration syntax: {@code 60s}, {@code 2m}, {@code 200ms}, a bare number of seconds, or ISO-8601. */
    static Duration duration(String text) {
        Matcher matcher = SHORT_DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            return Duration.parse(text.trim());
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static Map<String, String> properties(Path file) {
        Properties loaded = new Properties();
        try {
            loaded.load(new StringReader(Repository.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : loaded.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                properties.put(key.substring("%prod.".length()), loaded.getProperty(key));
            } else if (!key.startsWith("%")) {
                properties.putIfAbsent(key, loaded.getProperty(key));
            }
        }
        return properties;
    }

    private static Map<String, Optional<String>> mappingKeys(Path sources) {
        Map<String, Optional<String>> keys = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).map(Repository::read)
                    .forEach(source -> readMapping(source, keys));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sources, e);
        }
        return keys;
    }

    private static void readMapping(String source, Map<String, Optional<String>> keys) {
        Matcher prefix = MAPPING_PREFIX.matcher(source);
        if (!prefix.find()) {
            return;
        }
        String root = prefix.group(1);
        if (root == null) {
            Matcher constant = Pattern.compile("String " + prefix.group(2) + " = \"([^\"]+)\";").matcher(source);
            if (!constant.find()) {
                throw new IllegalStateException("the @ConfigMapping prefix constant " + prefix.group(2) + " is not "
                        + "a string literal in the interface");
            }
            root = constant.group(1);
        }
        // keys of a nested group interface (declared at the first level of the mapping) sit under its accessor
        String group = root;
        String pendingDefault = null;
        for (String line : source.split("\n")) {
            Matcher nested = NESTED_GROUP.matcher(line);
            Matcher withDefault = WITH_DEFAULT.matcher(line);
            Matcher accessor = ACCESSOR.matcher(line);
            if (nested.matches()) {
                group = root + "." + kebab(nested.group(1));
            } else if (line.equals("    }")) {
                group = root;
            } else if (withDefault.matches()) {
                pendingDefault = withDefault.group(1);
            } else if (accessor.matches()) {
                keys.put(group + "." + kebab(accessor.group(1)), Optional.ofNullable(pendingDefault));
                pendingDefault = null;
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}

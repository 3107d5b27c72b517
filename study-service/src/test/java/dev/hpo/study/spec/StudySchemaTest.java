package dev.hpo.study.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The published schema is generated from the spec records, matches the copy in docs/schema, and agrees with the
 * validator: every example is valid against it, and shape errors the validator reports are schema errors too.
 */
class StudySchemaTest {

    /** Set {@code -Dhpo.schema.write=true} to rewrite docs/schema/study.json after changing the spec. */
    private static final boolean WRITE = Boolean.getBoolean("hpo.schema.write");
    private static final Path PUBLISHED = Path.of("../docs/schema/study.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(StudySchema.generate());

    static Stream<Path> examples() throws IOException {
        return ExampleSpecsTest.examples();
    }

    @Test
    void publishedCopyMatchesTheGeneratedSchema() throws IOException {
        String generated = JSON.writeValueAsString(StudySchema.generate()) + "\n";
        if (WRITE) {
            Files.writeString(PUBLISHED, generated);
        }
        assertEquals(generated, Files.readString(PUBLISHED),
                "docs/schema/study.json is stale: rerun this test with -Dhpo.schema.write=true");
    }

    @Test
    void everyFieldOfEverySpecRecordIsDescribedAndNothingElse() {
        Set<String> fields = new TreeSet<>();
        for (Class<?> record : List.of(StudySpec.class, StudySpec.Objective.class, StudySpec.Algorithm.class,
                StudySpec.EarlyStopping.class, StudySpec.Refine.class, StudySpec.Model.class,
                StudySpec.Dataset.class, StudySpec.ParameterSpec.class)) {
            for (RecordComponent component : record.getRecordComponents()) {
                fields.add(record.getSimpleName() + "." + component.getName());
            }
        }
        assertEquals(fields, new TreeSet<>(StudySchema.describedFields()));
    }

    @Test
    void enumerationsComeFromTheCode() {
        JsonNode schema = StudySchema.generate();
        assertEquals(AlgorithmSettings.TYPES, strings(schema.at("/$defs/Algorithm/properties/type/enum")));
        assertEquals(StudySpecValidator.PARAMETER_TYPES, strings(schema.at("/$defs/ParameterSpec/properties/type/enum")));
        assertEquals(List.copyOf(ModelCatalog.datasets()), strings(schema.at("/$defs/Dataset/properties/name/enum")));
        assertEquals(StudySpecValidator.METRICS, Set.copyOf(strings(schema.at("/$defs/Objective/properties/metric/enum"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleIsValidAgainstTheSchema(Path example) throws IOException {
        assertEquals(Set.of(), messages(JSON.readTree(example.toFile())));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/algorithm/type=simulated-annealing",
        "/objective/metric=f1",
        "/maxTrials=0",
        "/space/units/sampling=exponential",
        "/space/units/type=range",
        "/colour=blue",
        "/space/units/colour=blue"})
    void aShapeErrorIsRejectedByBothTheSchemaAndTheValidator(String change) throws IOException {
        ObjectNode spec = (ObjectNode) JSON.readTree(Path.of("../docs/examples/fashion-mnist-random.json").toFile());
        String pointer = change.substring(0, change.indexOf('='));
        String value = change.substring(change.indexOf('=') + 1);
        ObjectNode parent = (ObjectNode) spec.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (value.matches("-?[0-9]+")) {
            parent.put(field, Integer.parseInt(value));
        } else {
            parent.put(field, value);
        }

        assertTrue(!messages(spec).isEmpty(), "the schema accepted " + change);
        assertRejectedByValidator(spec);
    }

    @Test
    void aParameterMissingWhatItsTypeNeedsIsRejected() throws IOException {
        ObjectNode spec = (ObjectNode) JSON.readTree(Path.of("../docs/examples/fashion-mnist-random.json").toFile());
        ((ObjectNode) spec.at("/space/units")).remove("max");

        Set<String> messages = messages(spec);
        assertTrue(messages.stream().anyMatch(m -> m.contains("max")), messages.toString());
        assertRejectedByValidator(spec);
    }

    private static void assertRejectedByValidator(JsonNode spec) throws IOException {
        String text = JSON.writeValueAsString(spec);
        try {
            StudySpecReader.read(text);
        } catch (InvalidStudyException e) {
            return;
        }
        throw new AssertionError("the validator accepted " + text);
    }

    private static Set<String> messages(JsonNode instance) {
        return SCHEMA.validate(instance).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}

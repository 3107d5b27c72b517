package dev.hpo.study.spec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hpo.study.algorithm.Sampling;

/**
 * The JSON Schema (draft 2020-12) of a study spec, generated from the {@link StudySpec} records and the value
 * lists and limits the validator uses, so that it cannot drift from what the service accepts: a field added to a
 * record appears in the schema (and generation fails until it has a description), and an algorithm, metric or
 * sampling added to the code appears in its {@code enum}.
 * <p>
 * The schema checks the shape of a spec; the validator checks more (value ranges that depend on the model
 * builder, conditions between hyperparameters, an algorithm's arithmetic). A spec the validator accepts always
 * satisfies the schema.
 */
public final class StudySchema {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What each field means, keyed {@code Record.component}; every record component needs one. */
    private static final Map<String, String> DESCRIPTIONS = descriptions();

    private StudySchema() {
    }

    public static ObjectNode generate() {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("title", "hpo study spec");
        schema.put("description", "The body of POST /api/studies, of POST /api/studies/preview and of a record on "
                + "the Kafka topic hpo.study-submissions (there with a submissionId beside it).");
        ObjectNode definitions = NODES.objectNode();
        schema.setAll(object(StudySpec.class, "", definitions));
        schema.set("required", strings(List.of("name")));
        schema.set("allOf", NODES.arrayNode().add(objectiveAndSpaceUnlessRangeTest()));
        schema.set("$defs", definitions);
        return schema;
    }

    private static ObjectNode object(Class<? extends Record> type, String path, ObjectNode definitions) {
        ObjectNode object = NODES.objectNode();
        object.put("type", "object");
        ObjectNode properties = object.putObject("properties");
        for (RecordComponent component : type.getRecordComponents()) {
            String key = type.getSimpleName() + "." + component.getName();
            String description = DESCRIPTIONS.get(key);
            if (description == null) {
                throw new IllegalStateException("the schema has no description of " + key);
            }
            ObjectNode property = valueSchema(component.getGenericType(), definitions);
            property.put("description", description);
            constrain(path + component.getName(), property);
            properties.set(component.getName(), property);
        }
        object.put("additionalProperties", false);
        if (type == StudySpec.ParameterSpec.class) {
            object.set("allOf", parameterRequirements());
        }
        if (type == StudySpec.Refine.class) {
            object.set("required", strings(List.of("trials")));
        }
        return object;
    }

    private static ObjectNode valueSchema(Type type, ObjectNode definitions) {
        ObjectNode value = NODES.objectNode();
        if (type == String.class) {
            value.put("type", "string");
        } else if (type == Integer.class || type == Long.class) {
            value.put("type", "integer");
        } else if (type == Double.class) {
            value.put("type", "number");
        } else if (type == Boolean.class) {
            value.put("type", "boolean");
        } else if (type == Object.class) {
            value.set("type", strings(List.of("number", "string", "boolean", "array")));
        } else if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            value.put("type", "array");
            Type element = generic.getActualTypeArguments()[0];
            if (element != Object.class) {
                value.set("items", valueSchema(element, definitions));
            }
        } else if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
            value.put("type", "object");
            value.set("additionalProperties", valueSchema(generic.getActualTypeArguments()[1], definitions));
        } else if (type instanceof Class<?> nested && nested.isRecord()) {
            String name = nested.getSimpleName();
            if (!definitions.has(name)) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> record = (Class<? extends Record>) nested;
                definitions.set(name, object(record, name + ".", definitions));
            }
            value.put("$ref", "#/$defs/" + name);
        } else {
            throw new IllegalStateException("the schema cannot describe a field of type " + type);
        }
        return value;
    }

    /** Limits and value lists, taken from the constants the validator checks against. */
    private static void constrain(String path, ObjectNode property) {
        switch (path) {
            case "name" -> property.put("minLength", 1).put("maxLength", StudySpecValidator.NAME_LENGTH_LIMIT);
            case "maxTrials" -> range(property, StudySpecValidator.MAX_TRIALS_LIMIT);
            case "parallelism" -> range(property, StudySpecValidator.PARALLELISM_LIMIT);
            case "epochs" -> range(property, StudySpecValidator.EPOCHS_LIMIT);
            case "space" -> property.put("maxProperties", StudySpecValidator.SPACE_SIZE_LIMIT);
            case "Objective.metric" -> property.set("enum", strings(StudySpecValidator.METRICS.stream().sorted()
                    .toList()));
            case "Objective.direction" -> property.set("enum", strings(List.of("maximize", "minimize")));
            case "Algorithm.type" -> property.set("enum", strings(AlgorithmSettings.TYPES));
            case "Algorithm.arithmetic" -> property.set("enum", strings(AlgorithmSettings.ARITHMETICS));
            case "EarlyStopping.type" -> property.set("enum", strings(EarlyStoppingSettings.TYPES));
            case "Refine.trials" -> range(property, StudySpecValidator.MAX_TRIALS_LIMIT);
            case "Refine.after", "Refine.keepTop" -> property.put("minimum", 1);
            case "Dataset.name" -> property.set("enum", strings(List.copyOf(ModelCatalog.datasets())));
            case "Dataset.trainLimit" -> property.put("minimum", 1);
            case "Dataset.validationSplit" -> property.put("exclusiveMinimum", 0).put("exclusiveMaximum", 1);
            case "Dataset.featureColumns" -> property.put("minItems", 1);
            case "ParameterSpec.type" -> property.set("enum", strings(StudySpecValidator.PARAMETER_TYPES));
            case "ParameterSpec.sampling" -> property.set("enum", strings(Arrays.stream(Sampling.values())
                    .map(Sampling::label).toList()));
            case "ParameterSpec.samples" -> property.put("minimum", 2);
            case "ParameterSpec.values", "ParameterSpec.parentValues" -> property.put("minItems", 1);
            default -> {
            }
        }
    }

    private static void range(ObjectNode property, int maximum) {
        property.put("minimum", 1).put("maximum", maximum);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** Every study but a learning-rate range test needs an objective and at least one hyperparameter to search. */
    private static ObjectNode objectiveAndSpaceUnlessRangeTest() {
        ObjectNode rule = NODES.objectNode();
        ObjectNode rangeTest = rule.putObject("if");
        rangeTest.set("required", strings(List.of("algorithm")));
        rangeTest.putObject("properties").putObject("algorithm").putObject("properties").putObject("type")
                .put("const", AlgorithmSettings.RANGE_TEST);
        ObjectNode otherwise = rule.putObject("else");
        otherwise.set("required", strings(List.of("objective", "space")));
        otherwise.putObject("properties").putObject("space").put("minProperties", 1);
        return rule;
    }

    /** Which fields each parameter type needs, as the validator demands them. */
    private static JsonNode parameterRequirements() {
        ArrayNode rules = NODES.arrayNode();
        rules.add(requires("int", "min", "max"));
        rules.add(requires("float", "min", "max"));
        rules.add(requires("choice", "values"));
        rules.add(requires("fixed", "value"));
        return rules;
    }

    private static ObjectNode requires(String type, String... fields) {
        ObjectNode rule = NODES.objectNode();
        rule.putObject("if").putObject("properties").putObject("type").put("const", type);
        rule.putObject("then").set("required", strings(List.of(fields)));
        return rule;
    }

    private static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("StudySpec.name", "A name for people; need not be unique.");
        d.put("StudySpec.objective", "The metric to optimise.");
        d.put("StudySpec.algorithm", "The search algorithm; random search with a random seed when absent.");
        d.put("StudySpec.earlyStopping", "A rule that stops unpromising trials; none when absent.");
        d.put("StudySpec.refine", "Coarse to fine: after the coarse phase, narrow each range around the best "
                + "trials and draw more trials from the narrowed space; none when absent.");
        d.put("StudySpec.maxTrials", "Trials to run (grid, random, tpe, asha); default 10. Hyperband and BOHB plan "
                + "their own number of trials. With refine, both phases together.");
        d.put("StudySpec.parallelism", "Trials trained at the same time; default 1.");
        d.put("StudySpec.epochs", "Epochs per trial (grid, random, tpe); default 10. Hyperband, BOHB and ASHA use "
                + "algorithm.maxEpochs instead.");
        d.put("StudySpec.model", "The model builder the runners use; mlp when absent.");
        d.put("StudySpec.dataset", "The dataset to train on; fashion-mnist when absent.");
        d.put("StudySpec.space", "The hyperparameters to search, by name; names the model builder does not read "
                + "are rejected. At most " + StudySpecValidator.SPACE_SIZE_LIMIT + ".");
        d.put("Objective.metric", "A metric the runners report after every epoch.");
        d.put("Objective.direction", "Whether larger is better; default maximize for accuracies, minimize for "
                + "losses.");
        d.put("Algorithm.type", "The search algorithm.");
        d.put("Algorithm.seed", "Makes the suggestions and the trials' weight initialisation reproducible.");
        d.put("Algorithm.maxEpochs", "hyperband, bohb, asha: the most epochs a trial trains.");
        d.put("Algorithm.factor", "hyperband, bohb, asha: keep the best 1/factor of each rung (at least 2).");
        d.put("Algorithm.iterations", "hyperband, bohb: how many times to run the whole set of brackets.");
        d.put("Algorithm.minEpochs", "hyperband (kerastuner arithmetic), asha: epochs of the lowest rung.");
        d.put("Algorithm.arithmetic", "hyperband, bohb: bracket sizes as KerasTuner computes them (default) or as "
                + "in the Hyperband paper.");
        d.put("Algorithm.startupTrials", "tpe, bohb: random trials before the model takes over.");
        d.put("Algorithm.candidates", "tpe, bohb: candidates drawn per suggestion.");
        d.put("Algorithm.minLr", "lr-range-test: the learning rate of the first step; default 1e-7.");
        d.put("Algorithm.maxLr", "lr-range-test: the learning rate of the last step; default 10.");
        d.put("Algorithm.steps", "lr-range-test: optimiser updates, the rate growing geometrically from minLr to "
                + "maxLr; default 200.");
        d.put("EarlyStopping.type", "The rule.");
        d.put("EarlyStopping.minTrials", "median, percentile: other trials that must have reached the epoch "
                + "before any stop.");
        d.put("EarlyStopping.warmupEpochs", "median, percentile: epochs never judged.");
        d.put("EarlyStopping.percentile", "percentile: stop below this percentile (0 < p < 100; 50 is the median "
                + "rule).");
        d.put("EarlyStopping.patience", "patience: epochs without improvement before a stop.");
        d.put("EarlyStopping.minDelta", "patience: the least change that counts as an improvement.");
        d.put("Refine.after", "Trials of the coarse phase: random, tpe, asha: maxTrials - trials when maxTrials "
                + "is given, else 10; grid: the grid's size; hyperband, bohb: their plan's (leave it out).");
        d.put("Refine.keepTop", "The best coarse trials the ranges are narrowed around; default "
                + RefineSettings.DEFAULT_KEEP_TOP + ".");
        d.put("Refine.trials", "Trials of the fine phase: random draws from the narrowed space, each trained for "
                + "epochs (algorithm.maxEpochs for hyperband, bohb, asha).");
        d.put("Model.builder", "A model builder the runners have: built in " + ModelCatalog.builders()
                + "; others when the service lists them in hpo.study.custom-model-builders.");
        d.put("Dataset.name", "The dataset.");
        d.put("Dataset.trainLimit", "Train on the first this-many training samples only; all when absent.");
        d.put("Dataset.path", "mnist: a directory of IDX files instead of the runners' default; csv: the CSV file "
                + "(with a header row), as the runners see it.");
        d.put("Dataset.labelColumn", "csv: the column holding the class (integers 0..k-1 or names).");
        d.put("Dataset.featureColumns", "csv: the numeric columns to learn from; all but the label when absent.");
        d.put("Dataset.validationSplit", "csv: the share of rows held out for validation, 0 < x < 1; default 0.2.");
        d.put("ParameterSpec.type", "int and float are ranges, choice a list, boolean true/false, fixed one value.");
        d.put("ParameterSpec.min", "int, float: the smallest value.");
        d.put("ParameterSpec.max", "int, float: the largest value.");
        d.put("ParameterSpec.step", "int, float: values are min + k·step (on a log scale, min·step^k).");
        d.put("ParameterSpec.sampling", "int, float: how the range is explored; log1m makes 1 − x log-uniform "
                + "(momentum β); default linear.");
        d.put("ParameterSpec.values", "choice: the values.");
        d.put("ParameterSpec.value", "fixed: the value.");
        d.put("ParameterSpec.samples", "float: for grid search, this many points evenly spread on the range's "
                + "scale.");
        d.put("ParameterSpec.parent", "Another hyperparameter that decides whether this one is used.");
        d.put("ParameterSpec.parentValues", "The values of parent under which this one is used.");
        d.put("ParameterSpec.fromRangeTest", "learning_rate: the id of a finished lr-range-test study; its suggested "
                + "range becomes this log-uniform float range when the study is submitted (no type needed).");
        return d;
    }

    /** The documented fields, for tests. */
    static List<String> describedFields() {
        return new ArrayList<>(DESCRIPTIONS.keySet());
    }
}

package dev.hpo.study.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hpo.study.algorithm.BooleanParameter;
import dev.hpo.study.algorithm.ChoiceParameter;
import dev.hpo.study.algorithm.Condition;
import dev.hpo.study.algorithm.FixedParameter;
import dev.hpo.study.algorithm.FloatParameter;
import dev.hpo.study.algorithm.IntParameter;
import dev.hpo.study.algorithm.InvalidParameterException;
import dev.hpo.study.algorithm.Parameter;
import dev.hpo.study.algorithm.Sampling;
import dev.hpo.study.algorithm.SearchSpace;
import dev.hpo.study.spec.StudySpec.ParameterSpec;

/**
 * Checks a submitted study completely, reporting every problem with the field it concerns, and fills in
 * defaults. Pure code: the REST resource and the Kafka consumer share it.
 * <p>
 * A model builder that is not built in is accepted only when the caller lists it (study-service's
 * {@code hpo.study.custom-model-builders}): its training hyperparameters are checked as for any builder, the
 * others are passed to the runners unchecked, and a note says so.
 */
public final class StudySpecValidator {

    public static final Set<String> METRICS = Set.of("loss", "accuracy", "val_loss", "val_accuracy");
    public static final int MAX_TRIALS_LIMIT = 10_000;
    public static final int PARALLELISM_LIMIT = 256;
    public static final int EPOCHS_LIMIT = 1_000;
    public static final int NAME_LENGTH_LIMIT = 200;
    public static final int SPACE_SIZE_LIMIT = 100;

    private static final int DEFAULT_MAX_TRIALS = 10;
    private static final int DEFAULT_PARALLELISM = 1;
    private static final int DEFAULT_EPOCHS = 10;

    private StudySpecValidator() {
    }

    /**
     * Accepts the built-in model builders only.
     *
     * @throws InvalidStudyException naming every bad field
     */
    public static ValidStudy validate(StudySpec spec) {
        return validate(spec, Set.of());
    }

    /**
     * @param customBuilders model builders of one's own, besides the built-in ones, that the runners have
     * @throws InvalidStudyException naming every bad field
     */
    public static ValidStudy validate(StudySpec spec, Set<String> customBuilders) {
        if (spec == null) {
            throw new InvalidStudyException("", "the request body must be a study spec (a JSON object)");
        }
        List<FieldError> errors = new ArrayList<>();

        String name = spec.name() == null ? null : spec.name().strip();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > NAME_LENGTH_LIMIT) {
            errors.add(new FieldError("name", "must be at most " + NAME_LENGTH_LIMIT + " characters"));
        }

        boolean rangeTest = spec.algorithm() != null && AlgorithmSettings.RANGE_TEST.equals(spec.algorithm().type());
        StudySpec.Objective objective = rangeTest ? RangeTestSettings.objective(spec.objective(), errors)
                : objective(spec.objective(), errors);
        int maxTrials = bounded("maxTrials", spec.maxTrials(), DEFAULT_MAX_TRIALS, MAX_TRIALS_LIMIT, errors);
        int parallelism = bounded("parallelism", spec.parallelism(), DEFAULT_PARALLELISM, PARALLELISM_LIMIT, errors);
        int epochs = bounded("epochs", spec.epochs(), DEFAULT_EPOCHS, EPOCHS_LIMIT, errors);
        StudySpec.Algorithm algorithm = AlgorithmSettings.normalize(spec.algorithm(), spec.epochs(), epochs, errors);
        if (AlgorithmSettings.usesMaxEpochs(algorithm.type()) && algorithm.maxEpochs() != null) {
            epochs = algorithm.maxEpochs();
        }
        if (rangeTest) {
            RangeTestSettings.check(spec, errors);
            maxTrials = 1;
            parallelism = 1;
            epochs = algorithm.steps() == null ? epochs : algorithm.steps();
        }
        StudySpec.EarlyStopping earlyStopping = EarlyStoppingSettings.normalize(spec.earlyStopping(), errors);
        StudySpec.Refine refine = RefineSettings.normalize(spec.refine(), errors);
        StudySpec.Model model = model(spec.model(), customBuilders, errors);
        StudySpec.Dataset dataset = dataset(spec.dataset(), errors);
        SearchSpace space = rangeTest && (spec.space() == null || spec.space().isEmpty())
                ? new SearchSpace(List.of()) : space(spec.space(), model.builder(), errors);
        List<String> notes = new ArrayList<>();
        if (space != null) {
            space = HyperparameterDependencies.apply(space, model.builder(), errors, notes);
        }
        if (!ModelCatalog.hasBuilder(model.builder()) && spec.space() != null) {
            List<String> unchecked = spec.space().keySet().stream().filter(n -> !ModelCatalog.isTraining(n))
                    .sorted().toList();
            notes.add("model builder '" + model.builder() + "' is not built in: study-service checks the training"
                    + " hyperparameters only; " + (unchecked.isEmpty() ? "no other hyperparameter is searched"
                    : unchecked + " go to the builder unchecked, and a runner reports a value it refuses as the"
                    + " trial's failure"));
        }

        if (!errors.isEmpty()) {
            throw new InvalidStudyException(errors);
        }
        StudySpec normalized = new StudySpec(name, objective, algorithm, earlyStopping, refine, maxTrials,
                parallelism, epochs, model, dataset,
                spec.space() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(spec.space()));
        return Algorithms.check(new ValidStudy(normalized, space, spec.maxTrials() != null, notes));
    }

    private static StudySpec.Objective objective(StudySpec.Objective objective, List<FieldError> errors) {
        if (objective == null || objective.metric() == null) {
            errors.add(new FieldError("objective.metric", "is required; one of " + sorted(METRICS)));
            return new StudySpec.Objective("val_accuracy", "maximize");
        }
        if (!METRICS.contains(objective.metric())) {
            errors.add(new FieldError("objective.metric",
                    "unknown metric '" + objective.metric() + "'; runners report " + sorted(METRICS)));
        }
        String direction = objective.direction();
        if (direction == null) {
            direction = objective.metric().endsWith("loss") ? "minimize" : "maximize";
        } else if (!direction.equals("maximize") && !direction.equals("minimize")) {
            errors.add(new FieldError("objective.direction", "must be 'maximize' or 'minimize', was '" + direction + "'"));
        }
        return new StudySpec.Objective(objective.metric(), direction);
    }

    private static int bounded(String field, Integer value, int fallback, int limit, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > limit) {
            errors.add(new FieldError(field, "must be from 1 to " + limit + ", was " + value));
            return fallback;
        }
        return value;
    }

    private static StudySpec.Model model(StudySpec.Model model, Set<String> customBuilders,
            List<FieldError> errors) {
        String builder = model == null || model.builder() == null ? "mlp" : model.builder();
        if (!ModelCatalog.hasBuilder(builder) && !customBuilders.contains(builder)) {
            errors.add(new FieldError("model.builder", "unknown model builder '" + builder + "'; built in: "
                    + ModelCatalog.builders() + (customBuilders.isEmpty() ? "" : ", of your own: "
                    + sorted(customBuilders)) + "; a builder of your own must be listed in study-service's"
                    + " hpo.study.custom-model-builders"));
        }
        return new StudySpec.Model(builder);
    }

    private static StudySpec.Dataset dataset(StudySpec.Dataset dataset, List<FieldError> errors) {
        StudySpec.Dataset given = dataset == null ? new StudySpec.Dataset(null, null) : dataset;
        String name = given.name() == null ? "fashion-mnist" : given.name();
        Integer limit = given.trainLimit();
        if (!ModelCatalog.hasDataset(name)) {
            errors.add(new FieldError("dataset.name",
                    "unknown dataset '" + name + "'; built in: " + ModelCatalog.datasets()));
            return new StudySpec.Dataset(name, limit, given.path(), given.labelColumn(), given.featureColumns(),
                    given.validationSplit());
        }
        var size = ModelCatalog.trainingSize(name);
        if (limit != null && (limit < 1 || (size.isPresent() && limit > size.get()))) {
            errors.add(new FieldError("dataset.trainLimit", size.isPresent()
                    ? "must be from 1 to " + size.get() + " (the training split of " + name + "), was " + limit
                    : "must be at least 1, was " + limit));
        }
        if (given.path() != null && given.path().isBlank()) {
            errors.add(new FieldError("dataset.path", "must not be blank"));
        }
        if (ModelCatalog.CSV.equals(name)) {
            csv(given, errors);
        } else {
            for (var field : List.of(Map.entry("labelColumn", given.labelColumn() != null),
                    Map.entry("featureColumns", given.featureColumns() != null),
                    Map.entry("validationSplit", given.validationSplit() != null))) {
                if (field.getValue()) {
                    errors.add(new FieldError("dataset." + field.getKey(), "applies only to the csv dataset; "
                            + name + " validates on its 10,000 test images"));
                }
            }
        }
        return new StudySpec.Dataset(name, limit, given.path(), given.labelColumn(), given.featureColumns(),
                given.validationSplit());
    }

    /** A CSV file on the runners: its path and label column are required, the rest checked where given. */
    private static void csv(StudySpec.Dataset csv, List<FieldError> errors) {
        if (csv.path() == null) {
            errors.add(new FieldError("dataset.path", "is required for the csv dataset: the CSV file, as the"
                    + " runners see it (an absolute path on a volume they share is safest)"));
        }
        if (csv.labelColumn() == null || csv.labelColumn().isBlank()) {
            errors.add(new FieldError("dataset.labelColumn", "is required for the csv dataset: the header name of"
                    + " the label column"));
        }
        if (csv.featureColumns() != null) {
            if (csv.featureColumns().isEmpty()) {
                errors.add(new FieldError("dataset.featureColumns", "must name at least one column; leave it out"
                        + " to use every column but the label"));
            } else if (csv.featureColumns().stream().anyMatch(c -> c == null || c.isBlank())) {
                errors.add(new FieldError("dataset.featureColumns", "must hold column names, not blanks"));
            } else if (Set.copyOf(csv.featureColumns()).size() != csv.featureColumns().size()) {
                errors.add(new FieldError("dataset.featureColumns", "names a column twice: "
                        + csv.featureColumns()));
            } else if (csv.featureColumns().contains(csv.labelColumn())) {
                errors.add(new FieldError("dataset.featureColumns", "must not hold the label column '"
                        + csv.labelColumn() + "'"));
            }
        }
        if (csv.validationSplit() != null && !(csv.validationSplit() > 0 && csv.validationSplit() < 1)) {
            errors.add(new FieldError("dataset.validationSplit", "must be a fraction in (0, 1), was "
                    + csv.validationSplit()));
        }
    }

    private static SearchSpace space(Map<String, ParameterSpec> space, String builder, List<FieldError> errors) {
        if (space == null || space.isEmpty()) {
            errors.add(new FieldError("space", "needs at least one hyperparameter"));
            return null;
        }
        if (space.size() > SPACE_SIZE_LIMIT) {
            errors.add(new FieldError("space", "has " + space.size() + " hyperparameters; at most "
                    + SPACE_SIZE_LIMIT + " are allowed"));
            return null;
        }
        List<Parameter> parameters = new ArrayList<>();
        Map<String, Condition> conditions = new LinkedHashMap<>();
        Map<String, Parameter> declared = new LinkedHashMap<>();
        space.forEach((name, spec) -> {
            String path = "space." + name;
            if (spec == null) {
                errors.add(new FieldError(path, "must be an object with a type"));
                return;
            }
            if (spec.fromRangeTest() != null) {
                errors.add(new FieldError(path + ".fromRangeTest", "is resolved by study-service when the study is "
                        + "submitted (REST or Kafka); give a range here instead"));
                return;
            }
            var known = ModelCatalog.hyperparameter(builder, name);
            // a builder of one's own may read any name: it is passed through, and the notes say so
            if (known.isEmpty() && ModelCatalog.hasBuilder(builder)) {
                errors.add(new FieldError(path, "model builder '" + builder + "' does not read a hyperparameter '"
                        + name + "'; it reads " + ModelCatalog.hyperparameters(builder)));
                return;
            }
            try {
                Parameter parameter = parameter(name, spec);
                condition(spec, declared).ifPresent(c -> conditions.put(name, c));
                parameters.add(parameter);
                declared.put(name, parameter);
                known.ifPresent(h -> checkValues(path, parameter, h, errors));
            } catch (InvalidParameterException e) {
                errors.add(new FieldError(path + "." + e.field(), e.getMessage()));
            }
        });
        return parameters.size() == space.size() ? new SearchSpace(parameters, conditions) : null;
    }

    private static Optional<Condition> condition(ParameterSpec spec, Map<String, Parameter> declared) {
        if (spec.parent() == null) {
            if (spec.parentValues() != null) {
                throw new InvalidParameterException("parentValues", "parentValues needs a parent");
            }
            return Optional.empty();
        }
        Parameter parent = declared.get(spec.parent());
        if (parent == null) {
            throw new InvalidParameterException("parent", "unknown parent '" + spec.parent()
                    + "': a parent must be a parameter declared before this one; declared so far: "
                    + declared.keySet());
        }
        Condition condition = new Condition(spec.parent(), spec.parentValues());
        for (Object value : condition.values()) {
            if (!parent.contains(value)) {
                throw new InvalidParameterException("parentValues",
                        "parent '" + spec.parent() + "' never takes the value " + value);
            }
        }
        return Optional.of(condition);
    }

    private static void checkValues(String path, Parameter parameter, ModelCatalog.Hyperparameter known,
            List<FieldError> errors) {
        for (Object value : parameter.boundaryValues()) {
            if (!known.accepts().test(value)) {
                errors.add(new FieldError(path, "value " + value + " is out of range: " + known.name() + " must be "
                        + known.rule()));
                return;
            }
        }
    }

    private static Parameter parameter(String name, ParameterSpec spec) {
        String type = spec.type() == null ? null : spec.type().toLowerCase(Locale.ROOT);
        if (type == null) {
            throw new InvalidParameterException("type", "is required; one of " + PARAMETER_TYPES);
        }
        return switch (type) {
            case "int" -> {
                unused(spec.samples(), "samples", "int");
                unusedChoice(spec, "int");
                yield new IntParameter(name, integer("min", required("min", spec.min())),
                        integer("max", required("max", spec.max())),
                        spec.step() == null ? null : integer("step", spec.step()), Sampling.parse(spec.sampling()));
            }
            case "float" -> {
                unusedChoice(spec, "float");
                yield new FloatParameter(name, required("min", spec.min()), required("max", spec.max()),
                        spec.step(), Sampling.parse(spec.sampling()), spec.samples());
            }
            case "choice" -> {
                unusedRange(spec, "choice");
                unused(spec.value(), "value", "choice");
                yield new ChoiceParameter(name, spec.values());
            }
            case "boolean" -> {
                unusedRange(spec, "boolean");
                unused(spec.values(), "values", "boolean");
                yield new BooleanParameter(name);
            }
            case "fixed" -> {
                unusedRange(spec, "fixed");
                unused(spec.values(), "values", "fixed");
                yield new FixedParameter(name, spec.value());
            }
            default -> throw new InvalidParameterException("type",
                    "unknown type '" + spec.type() + "'; one of " + PARAMETER_TYPES);
        };
    }

    static final List<String> PARAMETER_TYPES = List.of("int", "float", "choice", "boolean", "fixed");

    /** A setting the type does not read is a mistake to report, not to ignore. */
    private static void unused(Object value, String field, String type) {
        if (value != null) {
            throw new InvalidParameterException(field, "a " + type + " parameter has no " + field);
        }
    }

    private static void unusedChoice(ParameterSpec spec, String type) {
        unused(spec.values(), "values", type);
        unused(spec.value(), "value", type);
    }

    private static void unusedRange(ParameterSpec spec, String type) {
        unused(spec.min(), "min", type);
        unused(spec.max(), "max", type);
        unused(spec.step(), "step", type);
        unused(spec.sampling(), "sampling", type);
        unused(spec.samples(), "samples", type);
    }

    private static double required(String field, Double value) {
        if (value == null) {
            throw new InvalidParameterException(field, "is required");
        }
        return value;
    }

    private static int integer(String field, double value) {
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new InvalidParameterException(field, "must be an integer, was " + value);
        }
        return (int) value;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}

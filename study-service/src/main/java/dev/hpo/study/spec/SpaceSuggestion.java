package dev.hpo.study.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.hpo.study.spec.StudySpec.ParameterSpec;

/**
 * A starting search space for a built-in model builder, from the sizes of the data, with the reason for every
 * range: the body of {@code POST /api/spaces/suggest}. The rules are rules of thumb, meant to be searched coarse to
 * fine ({@code refine}) rather than trusted:
 * <ul>
 * <li>scale: the learning rate and λ act by their order of magnitude, momentum β by 1 − β, so each is sampled
 * log-uniformly on that quantity (Ng, <i>Improving Deep Neural Networks</i>, deeplearning.ai, "Using an
 * appropriate scale to pick hyperparameters"); mini-batches of 32 to 512, powers of two (the same course);</li>
 * <li>size: hidden units between the output and the input size, around 2/3 of the input plus the output, and
 * fewer than twice the input; one hidden layer for most problems, rarely more than two (Heaton, <i>Introduction
 * to Neural Networks for Java</i>, 2nd ed., 2008, chapter 5).</li>
 * </ul>
 */
public final class SpaceSuggestion {

    /**
     * What the suggestion starts from.
     *
     * @param inputSize  input values per sample: features, or pixels (784 for 28×28 images)
     * @param outputSize values the model outputs: the number of classes
     * @param builder    {@code mlp} (default) or {@code cnn}
     * @param samples    the training set's size, when known: no batch is larger
     * @param dropout    whether to search dropout besides l2; false when absent
     */
    public record Request(Integer inputSize, Integer outputSize, String builder, Integer samples, Boolean dropout) {
    }

    /**
     * @param space   a valid {@code space} for a study with the builder, in the order conditions need
     * @param reasons why each range, by hyperparameter name
     */
    public record Suggested(Map<String, ParameterSpec> space, Map<String, String> reasons) {
    }

    /**
     * An int range with a linear step.
     *
     * @param heaton 2/3 of the input plus the output, Heaton's centre
     */
    record UnitsRange(int min, int max, int step, long heaton) {
    }

    static final Set<String> BUILDERS = Set.of("mlp", "cnn");
    /** The most units {@link ModelCatalog} accepts. */
    static final int MAX_UNITS = 65_536;
    /** Units ranges aim at no more than about this many values: the step doubles until they fit. */
    static final int UNITS_VALUES = 32;
    static final List<Integer> BATCH_SIZES = List.of(32, 64, 128, 256, 512);

    private static final String SCALE = "Ng's deep-learning course, \"Using an appropriate scale to pick"
            + " hyperparameters\"";
    private static final String HEATON = "Heaton, Introduction to Neural Networks for Java";

    private SpaceSuggestion() {
    }

    /** @throws InvalidRequestException naming every bad field */
    public static Suggested suggest(Request request) {
        if (request == null) {
            throw new InvalidRequestException("", "the request body must be a JSON object with inputSize and"
                    + " outputSize");
        }
        List<FieldError> errors = new ArrayList<>();
        size("inputSize", request.inputSize(), "input values per sample (784 for 28×28 images)", errors);
        size("outputSize", request.outputSize(), "values the model outputs, the number of classes", errors);
        String builder = request.builder() == null ? "mlp" : request.builder();
        if (!BUILDERS.contains(builder)) {
            errors.add(new FieldError("builder", "unknown model builder '" + builder + "'; suggestions exist for the"
                    + " built-in builders " + ModelCatalog.builders()));
        }
        if (request.samples() != null && request.samples() < 1) {
            errors.add(new FieldError("samples", "must be at least 1 (the training set's size), was "
                    + request.samples()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Space space = new Space();
        training(space, request.samples());
        if ("mlp".equals(builder)) {
            mlp(space, request.inputSize(), request.outputSize());
        } else {
            cnn(space, request.inputSize(), request.outputSize());
        }
        space.add("l2", range("float", 1e-6, 1e-2, null, "log"), "log-uniform from 1e-6 to 1e-2: like the"
                + " learning rate, λ acts by its order of magnitude, so each decade gets the same share of trials"
                + ", from barely noticeable to strong (the trainer's default, 0, is none)");
        if (Boolean.TRUE.equals(request.dropout())) {
            space.add("dropout", range("float", 0.0, 0.5, null, null), "0 to 0.5, linear: from none to the 0.5 that"
                    + " Srivastava et al. (2014) use for hidden units; only when asked for, since it regularises as"
                    + " l2 does and searching both costs trials");
        }
        return new Suggested(space.parameters, space.reasons);
    }

    private static void size(String field, Integer value, String meaning, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required: " + meaning));
        } else if (value < 1) {
            errors.add(new FieldError(field, "must be at least 1, was " + value));
        }
    }

    /** What the trainer reads for every builder: learning rate, optimiser and its β, batch size. */
    private static void training(Space space, Integer samples) {
        space.add("learning_rate", range("float", 1e-4, 1e-1, null, "log"), "log-uniform from 1e-4 to 1e-1: the"
                + " rate matters by its order of magnitude, so each decade gets the same share of trials (" + SCALE
                + ": rate = 10^r, r uniform in [-4, -1]); a uniform draw would put 90 % of the trials above"
                + " 0.01");
        space.add("optimizer", choice(List.of("adam", "sgd", "rmsprop")), "the trainer's three optimisers, each with"
                + " its own momentum term, searched only where it is read: beta_1 for adam, momentum for sgd and"
                + " rmsprop");
        String beta = " in [0.9, 0.999] with log1m sampling: 1 − β is log-uniform in [0.001, 0.1], so 0.9–0.99 and"
                + " 0.99–0.999 get half the trials each; β averages over about 1/(1 − β) steps, 10 to 1,000, and"
                + " that is the scale it matters on (" + SCALE + ": sample 1 − β on a log scale, not β)";
        space.add("beta_1", conditional(range("float", 0.9, 0.999, null, "log1m"), "adam"),
                "Adam's first-moment decay" + beta + "; read only by adam");
        space.add("momentum", conditional(range("float", 0.9, 0.999, null, "log1m"), "rmsprop", "sgd"),
                "momentum" + beta + "; read only by sgd and rmsprop");
        List<Integer> sizes = batchSizes(samples);
        String usual = "Ng's deep-learning course gives 64 to 512, powers of two for the way memory is laid out,"
                + " and 32 suits small data";
        space.add("batch_size", choice(List.<Object>copyOf(sizes)), "powers of two"
                + (sizes.equals(BATCH_SIZES) ? " from 32 to 512 (" + usual + ")"
                : " up to the " + samples + " training samples (" + sizes.toString().replaceAll("[\\[\\]]", "")
                + "), since a batch is never larger than the training set (" + usual + ")"));
    }

    private static void mlp(Space space, int input, int output) {
        space.add("layers", range("int", 1.0, 3.0, null, null), "1 to 3 hidden layers: one hidden layer"
                + " approximates any continuous mapping and problems that need more than two are rare (" + HEATON
                + "); a third lets the search confirm it");
        UnitsRange units = hiddenUnits(input, output);
        space.add("units", units(units),
                unitsReason(units, input, output) + "; units applies to every hidden layer");
    }

    private static void cnn(Space space, int input, int output) {
        int side = (int) Math.sqrt(input);
        int blocks = convLayers(input);
        space.add("conv_layers", range("int", 1.0, (double) blocks, null, null), "1 to " + blocks + " convolution"
                + " blocks: each ends in a 2×2 max pool that halves the image, and " + blocks + " keep a " + side
                + "×" + side + " input (" + input + " values read as a square image) at least 2×2"
                + (blocks == ModelCatalog.MAX_CONV_LAYERS ? " (" + blocks + " is the most the cnn builder has)" : ""));
        space.add("filters", range("int", 16.0, 64.0, 2.0, "log"), "16, 32 or 64 filters in the first block, each"
                + " further block doubling them: powers of two, equally likely, since filters act by their order"
                + " of magnitude");
        space.add("kernel_size", choice(List.of(3, 5)), "3 or 5, the sizes the cnn builder takes");
        UnitsRange units = hiddenUnits(input, output);
        space.add("units", units(units),
                unitsReason(units, input, output) + "; these are the units of the Dense layer after the"
                + " convolutions, and the rules are taken on the image's size (the flattened feature maps are of"
                + " the same order)");
    }

    /**
     * Hidden units by Heaton's three rules of thumb: between the output and the input size; around 2/3 of the
     * input plus the output; fewer than twice the input. The range runs from the smaller size to the larger, and
     * up to 2/3·input + output when that is larger still but below twice the input. When the output is twice the
     * input or more the last rule cannot hold with the first, and the range stops at the output. The step is the
     * power of two that leaves about {@value #UNITS_VALUES} to 64 values; min is rounded up onto it.
     */
    static UnitsRange hiddenUnits(int input, int output) {
        long heaton = (long) Math.ceil(2.0 * input / 3 + output);
        long low = Math.min(input, output);
        long high = Math.max(Math.max(input, output), Math.min(heaton, 2L * input - 1));
        high = Math.min(high, MAX_UNITS);
        low = Math.min(low, high);
        int step = 1;
        while ((high - low) / (2L * step) >= UNITS_VALUES) {
            step *= 2;
        }
        long min = (low + step - 1) / step * step;
        long max = min + (high - min) / step * step;
        return new UnitsRange((int) min, (int) max, step, heaton);
    }

    private static String unitsReason(UnitsRange units, int input, int output) {
        String range = units.min() + " to " + units.max() + (units.step() == 1 ? "" : " in steps of " + units.step());
        String rules = "the rules of thumb in " + HEATON + " put hidden units between the output size (" + output
                + ") and the input size (" + input + "), around 2/3 of the input plus the output (" + units.heaton()
                + ") and below twice the input (" + (2L * input) + ")";
        List<String> caveats = new ArrayList<>();
        if (output >= 2L * input) {
            caveats.add("with an output twice the input or more, below twice the input cannot hold, so the range"
                    + " keeps between the two sizes");
        } else if (units.heaton() > units.max()) {
            caveats.add(units.max() == MAX_UNITS ? "cut at " + MAX_UNITS + ", the most the builders take"
                    : "2/3 of the input plus the output is above the range's end");
        }
        if (units.step() > 1) {
            caveats.add("the step keeps " + ((units.max() - units.min()) / units.step() + 1) + " values");
        }
        return range + ": " + rules + (caveats.isEmpty() ? "" : "; " + String.join("; ", caveats));
    }

    /** Powers of two from 32 to 512 up to {@code samples}; below 32 samples, the four largest powers up to it. */
    static List<Integer> batchSizes(Integer samples) {
        if (samples == null) {
            return BATCH_SIZES;
        }
        List<Integer> sizes = BATCH_SIZES.stream().filter(b -> b <= samples).toList();
        if (!sizes.isEmpty()) {
            return sizes;
        }
        int largest = Integer.highestOneBit(samples);
        List<Integer> small = new ArrayList<>();
        for (int b = Math.max(1, largest / 8); b <= largest; b *= 2) {
            small.add(b);
        }
        return small;
    }

    /**
     * Convolution blocks for an input read as a square image: at most {@link ModelCatalog#MAX_CONV_LAYERS}, and
     * as many as keep the feature maps at least 2×2 after the blocks' 2×2 pools.
     */
    static int convLayers(int input) {
        int side = (int) Math.sqrt(input);
        int blocks = 1;
        while (blocks < ModelCatalog.MAX_CONV_LAYERS && side >> (blocks + 1) >= 2) {
            blocks++;
        }
        return blocks;
    }

    private static ParameterSpec range(String type, Double min, Double max, Double step, String sampling) {
        return new ParameterSpec(type, min, max, step, sampling, null, null);
    }

    private static ParameterSpec units(UnitsRange units) {
        return range("int", (double) units.min(), (double) units.max(),
                units.step() == 1 ? null : (double) units.step(), null);
    }

    private static ParameterSpec choice(List<Object> values) {
        return new ParameterSpec("choice", null, null, null, null, values, null);
    }

    private static ParameterSpec conditional(ParameterSpec p, Object... parentValues) {
        return new ParameterSpec(p.type(), p.min(), p.max(), p.step(), p.sampling(), p.values(), p.value(),
                p.samples(), "optimizer", List.of(parentValues));
    }

    /** The space and its reasons, in declaration order. */
    private static final class Space {

        final Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        final Map<String, String> reasons = new LinkedHashMap<>();

        void add(String name, ParameterSpec parameter, String reason) {
            parameters.put(name, parameter);
            reasons.put(name, reason.substring(0, 1).toUpperCase(Locale.ROOT) + reason.substring(1) + ".");
        }
    }
}

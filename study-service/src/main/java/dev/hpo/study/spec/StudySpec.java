package dev.hpo.study.spec;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.hpo.protocol.RangeTest;

/**
 * A study as users write it: the body of {@code POST /api/studies}. Optional fields may be {@code null};
 * {@link StudySpecValidator} fills in their defaults.
 */
public record StudySpec(
        String name,
        Objective objective,
        Algorithm algorithm,
        EarlyStopping earlyStopping,
        Refine refine,
        Integer maxTrials,
        Integer parallelism,
        Integer epochs,
        Model model,
        Dataset dataset,
        Map<String, ParameterSpec> space) {

    /** The metric to optimise and in which direction. */
    public record Objective(String metric, String direction) {
    }

    /**
     * The search algorithm and its settings; each algorithm reads only its own fields.
     *
     * @param maxEpochs     hyperband, bohb, asha: the most epochs a trial trains
     * @param factor        hyperband, bohb, asha: keep the best 1/factor of each rung
     * @param iterations    hyperband, bohb: how many times to run the whole set of brackets
     * @param minEpochs     hyperband (KerasTuner arithmetic), asha: epochs of the lowest rung
     * @param arithmetic    hyperband, bohb: {@code kerastuner} (default) or {@code paper}
     * @param startupTrials tpe, bohb: random trials before the model takes over
     * @param candidates    tpe, bohb: candidates drawn per suggestion
     * @param minLr         lr-range-test: the learning rate of the first step
     * @param maxLr         lr-range-test: the learning rate of the last step
     * @param steps         lr-range-test: optimiser updates, the rate growing geometrically from minLr to maxLr
     */
    public record Algorithm(String type, Long seed, Integer maxEpochs, Integer factor, Integer iterations,
            Integer minEpochs, String arithmetic, Integer startupTrials, Integer candidates, Double minLr,
            Double maxLr, Integer steps) {

        public Algorithm(String type, Long seed) {
            this(type, seed, null, null, null, null, null, null, null);
        }

        public Algorithm(String type, Long seed, Integer maxEpochs, Integer factor, Integer iterations,
                Integer minEpochs, String arithmetic, Integer startupTrials, Integer candidates) {
            this(type, seed, maxEpochs, factor, iterations, minEpochs, arithmetic, startupTrials, candidates, null,
                    null, null);
        }

        /** The type of a learning-rate range test study. */
        public static final String RANGE_TEST = "lr-range-test";

        /** The range test a {@code lr-range-test} study runs, or {@code null} for other algorithms. */
        public RangeTest rangeTest() {
            return RANGE_TEST.equals(type) ? new RangeTest(minLr, maxLr, steps) : null;
        }
    }

    /**
     * A rule that stops unpromising trials early.
     *
     * @param type         {@code median}, {@code percentile} or {@code patience}
     * @param minTrials    median, percentile: other trials that must have reached the epoch before any stop
     * @param warmupEpochs median, percentile: epochs never judged
     * @param percentile   percentile: 0 &lt; p &lt; 100; 50 is the median rule
     * @param patience     patience: epochs without improvement before a stop
     * @param minDelta     patience: the least change that counts as an improvement
     */
    public record EarlyStopping(String type, Integer minTrials, Integer warmupEpochs, Double percentile,
            Integer patience, Double minDelta) {
    }

    /**
     * Coarse to fine: once the coarse phase (the algorithm's own trials) is over, each range is narrowed around the
     * best {@code keepTop} trials and {@code trials} more trials are drawn at random from the narrowed space.
     * {@code maxTrials} counts both phases.
     *
     * @param after   trials of the coarse phase: random, tpe, asha: {@code maxTrials - trials} when maxTrials is
     *                given, else 10; grid: the grid's size; hyperband, bohb: their plan's (leave it out)
     * @param keepTop the best coarse trials the ranges are narrowed around; 3 when absent
     * @param trials  trials of the fine phase, each trained for {@code epochs}
     */
    public record Refine(Integer after, Integer keepTop, Integer trials) {
    }

    /**
     * The model builder the runners use: {@code mlp} or {@code cnn}, built in, or a builder of one's own that the
     * runners have and study-service lists in {@code hpo.study.custom-model-builders}.
     */
    public record Model(String builder) {
    }

    /**
     * The dataset and how much of its training split to use. Fields a dataset does not take are {@code null} and
     * left out of the JSON.
     *
     * @param name            {@code fashion-mnist}, {@code mnist} or {@code csv}
     * @param trainLimit      use only the first this-many training samples
     * @param path            {@code csv}: the CSV file on the runners (required); {@code mnist},
     *                        {@code fashion-mnist}: a directory with the IDX files instead of the runners' own
     * @param labelColumn     {@code csv}: the header name of the label column (required)
     * @param featureColumns  {@code csv}: the feature columns; all but the label when absent
     * @param validationSplit {@code csv}: the fraction of rows held out for validation, in (0, 1); 0.2 when absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dataset(String name, Integer trainLimit, String path, String labelColumn,
            List<String> featureColumns, Double validationSplit) {

        public Dataset(String name, Integer trainLimit) {
            this(name, trainLimit, null, null, null, null);
        }
    }

    /**
     * One hyperparameter's range, in KerasTuner's vocabulary. Fields the type does not take are {@code null} and
     * left out of the JSON.
     *
     * @param samples      float: treat the range as this many points evenly spread on its scale (for grid search)
     * @param parent       the parameter this one depends on; active only when the parent has one of
     *                     {@code parentValues}
     * @param fromRangeTest learning_rate: the id of a finished {@code lr-range-test} study whose suggested range
     *                     becomes this log-uniform range when the study is submitted
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParameterSpec(String type, Double min, Double max, Double step, String sampling,
            List<Object> values, Object value, Integer samples, String parent, List<Object> parentValues,
            String fromRangeTest) {

        public ParameterSpec(String type, Double min, Double max, Double step, String sampling, List<Object> values,
                Object value) {
            this(type, min, max, step, sampling, values, value, null, null, null);
        }

        public ParameterSpec(String type, Double min, Double max, Double step, String sampling, List<Object> values,
                Object value, Integer samples, String parent, List<Object> parentValues) {
            this(type, min, max, step, sampling, values, value, samples, parent, parentValues, null);
        }
    }
}

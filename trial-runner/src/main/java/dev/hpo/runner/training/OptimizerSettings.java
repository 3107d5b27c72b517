package dev.hpo.runner.training;

import ai.djl.nn.Parameter;
import ai.djl.util.PairList;

/** The {@code optimizer} hyperparameter and the settings that belong to it. */
public sealed interface OptimizerSettings {

    /** The value of the {@code optimizer} hyperparameter. */
    String name();

    /** A fresh optimiser for {@code parameters}, with no state. */
    ResumableOptimizer create(PairList<String, Parameter> parameters, LearningRateSchedule schedule,
            float weightDecay);

    /** Keras' {@code Adam}: {@code beta_1}, {@code beta_2}, {@code epsilon}. */
    record Adam(double beta1, double beta2, double epsilon) implements OptimizerSettings {

        @Override
        public String name() {
            return ResumableAdam.ALGORITHM;
        }

        @Override
        public ResumableOptimizer create(PairList<String, Parameter> parameters, LearningRateSchedule schedule,
                float weightDecay) {
            return new ResumableAdam(parameters, schedule, weightDecay, (float) beta1, (float) beta2,
                    (float) epsilon);
        }
    }

    /** Keras' {@code RMSprop}, not centered: {@code rho}, {@code momentum}, {@code epsilon}. */
    record RmsProp(double rho, double momentum, double epsilon) implements OptimizerSettings {

        @Override
        public String name() {
            return ResumableRmsProp.ALGORITHM;
        }

        @Override
        public ResumableOptimizer create(PairList<String, Parameter> parameters, LearningRateSchedule schedule,
                float weightDecay) {
            return new ResumableRmsProp(parameters, schedule, weightDecay, (float) rho, (float) momentum,
                    (float) epsilon);
        }
    }

    /** Keras' {@code SGD}: {@code momentum}, {@code nesterov}. */
    record Sgd(double momentum, boolean nesterov) implements OptimizerSettings {

        @Override
        public String name() {
            return ResumableSgd.ALGORITHM;
        }

        @Override
        public ResumableOptimizer create(PairList<String, Parameter> parameters, LearningRateSchedule schedule,
                float weightDecay) {
            return new ResumableSgd(parameters, schedule, weightDecay, (float) momentum, nesterov);
        }
    }
}

package dev.hpo.study.spec;

import java.util.Optional;

import dev.hpo.study.algorithm.MedianStoppingRule;
import dev.hpo.study.algorithm.PatienceStoppingRule;
import dev.hpo.study.algorithm.PercentileStoppingRule;
import dev.hpo.study.algorithm.StoppingRule;

/** Builds the stopping rule a study names, if any. */
public final class EarlyStoppingRules {

    private EarlyStoppingRules() {
    }

    public static Optional<StoppingRule> create(ValidStudy study) {
        StudySpec.EarlyStopping rule = study.spec().earlyStopping();
        if (rule == null) {
            return Optional.empty();
        }
        String metric = study.spec().objective().metric();
        return Optional.of(switch (rule.type()) {
            case "median" -> new MedianStoppingRule(metric, study.direction(), rule.minTrials(), rule.warmupEpochs());
            case "percentile" -> new PercentileStoppingRule(metric, study.direction(), rule.percentile(),
                    rule.minTrials(), rule.warmupEpochs());
            case "patience" -> new PatienceStoppingRule(metric, study.direction(), rule.patience(), rule.minDelta());
            default -> throw new InvalidStudyException("earlyStopping.type", "unknown rule '" + rule.type() + "'");
        });
    }
}

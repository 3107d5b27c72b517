package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Scripted learning curves for the stopping-rule tests: {@code trial(3, 0.5, null, 0.7)}. */
final class Curves {

    private Curves() {
    }

    /** A training trial with these objectives after epochs 1, 2, ...; {@code null} where none was reported. */
    static TrialRecord trial(int number, Double... objectives) {
        return new TrialRecord(number, Map.of(), TrialState.ACTIVE, 0, objectives.length, Arrays.asList(objectives));
    }

    /** A trial in {@code state} with these objectives. */
    static TrialRecord trialIn(TrialState state, int number, Double... objectives) {
        return trial(number, objectives).withState(state);
    }

    /** A curve written as text, "0.5 null NaN 0.7", as the tables of the tests give it. */
    static TrialRecord parse(int number, String curve) {
        List<Double> objectives = new ArrayList<>();
        for (String token : curve.trim().split("\\s+")) {
            objectives.add(token.equals("null") ? null : Double.valueOf(token));
        }
        return trial(number, objectives.toArray(Double[]::new));
    }

    /** The epoch at which {@code rule} first says stop when asked after every epoch, or 0 when it never does. */
    static int firstStop(StoppingRule rule, TrialRecord trial, List<TrialRecord> others) {
        for (int epoch = 1; epoch <= trial.epochsRun(); epoch++) {
            if (rule.decide(trial, epoch, others).stops()) {
                return epoch;
            }
        }
        return 0;
    }
}

package dev.hpo.dashboard.view;

import java.util.List;
import java.util.TreeSet;

import dev.hpo.dashboard.client.StudySummary;

/**
 * The epochs at which a study's trials wait for a promotion decision: the rungs of Hyperband's and BOHB's
 * brackets, or ASHA's rungs ({@code minEpochs · factor^k}), without the final epoch, where every trial ends anyway.
 */
public final class RungEpochs {

    private RungEpochs() {
    }

    public static List<Integer> of(StudySummary study) {
        TreeSet<Integer> epochs = new TreeSet<>();
        if (study.plan() != null && study.plan().brackets() != null) {
            study.plan().brackets().forEach(b -> b.rungs().forEach(r -> epochs.add(r.epochs())));
        } else if (study.spec() != null && study.spec().algorithm() != null
                && "asha".equals(study.spec().algorithm().type())) {
            StudySummary.Algorithm a = study.spec().algorithm();
            int max = a.maxEpochs() == null ? study.epochs() : a.maxEpochs();
            int factor = a.factor() == null ? 3 : Math.max(2, a.factor());
            for (long e = a.minEpochs() == null ? 1 : Math.max(1, a.minEpochs()); e < max; e *= factor) {
                epochs.add((int) e);
            }
            epochs.add(max);
        }
        if (!epochs.isEmpty()) {
            epochs.remove(epochs.last());
        }
        return List.copyOf(epochs);
    }
}

package dev.hpo.study.spec;

import java.util.List;

/**
 * Validates {@code refine} and fills in {@code keepTop}. How many trials the coarse phase has ({@code after})
 * depends on the algorithm and is settled by {@link Algorithms#check}, which knows a plan's and a grid's size.
 */
final class RefineSettings {

    static final int DEFAULT_KEEP_TOP = 3;

    private RefineSettings() {
    }

    static StudySpec.Refine normalize(StudySpec.Refine refine, List<FieldError> errors) {
        if (refine == null) {
            return null;
        }
        if (refine.trials() == null) {
            errors.add(new FieldError("refine.trials", "is required: the trials of the fine phase"));
        } else if (refine.trials() < 1 || refine.trials() > StudySpecValidator.MAX_TRIALS_LIMIT) {
            errors.add(new FieldError("refine.trials", "must be from 1 to " + StudySpecValidator.MAX_TRIALS_LIMIT
                    + ", was " + refine.trials()));
        }
        int keepTop = refine.keepTop() != null ? refine.keepTop() : DEFAULT_KEEP_TOP;
        if (keepTop < 1) {
            errors.add(new FieldError("refine.keepTop", "must be at least 1, was " + keepTop));
        }
        if (refine.after() != null && refine.after() < 1) {
            errors.add(new FieldError("refine.after", "must be at least 1, was " + refine.after()));
        }
        return new StudySpec.Refine(refine.after(), keepTop, refine.trials());
    }
}

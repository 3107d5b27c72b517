package dev.hpo.study.algorithm;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Proposes a value for one parameter from the values it had in the good and in the bad trials. */
interface ValueProposer {

    /**
     * @param good       the parameter's values in the good trials where it was active, oldest first
     * @param bad        likewise in the other scored trials
     * @param candidates how many draws from the good trials' density compete
     */
    Object propose(List<Object> good, List<Object> bad, int candidates, RandomGenerator random);

    /** The proposer that suits a parameter's kind. */
    static ValueProposer forParameter(Parameter parameter) {
        if (parameter instanceof FixedParameter fixed) {
            return (good, bad, candidates, random) -> fixed.value();
        }
        if (parameter instanceof ChoiceParameter || parameter instanceof BooleanParameter) {
            return new CategoricalProposer(parameter.finiteValues().orElseThrow());
        }
        Optional<List<Object>> values = parameter.finiteValues();
        if (values.isPresent() && values.get().size() == 1) {
            Object only = values.get().get(0);
            return (good, bad, candidates, random) -> only;
        }
        if (parameter instanceof IntParameter integer) {
            return new NumericProposer(UnitScale.of(integer));
        }
        if (parameter instanceof FloatParameter real) {
            return new NumericProposer(UnitScale.of(real));
        }
        throw new IllegalArgumentException("no TPE model for parameter " + parameter);
    }
}

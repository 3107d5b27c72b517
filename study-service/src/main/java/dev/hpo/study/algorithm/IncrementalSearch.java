package dev.hpo.study.algorithm;

/**
 * An algorithm that keeps its standings between calls instead of reading the whole history on each, so a decision
 * costs about the same with 10 trials as with 10,000. The caller that keeps one instance for a study reports every
 * change of the history to it, in order; given that, {@link #next} answers exactly as a new instance would.
 * <p>
 * An instance keeps its standings only once it has been told of a change: until then it reads the whole history on
 * every call, so a caller that never calls {@link #observe} gets the answers of a stateless algorithm. After that it
 * reads the history again only when it holds a number of trials the instance was not told of.
 */
public interface IncrementalSearch extends SearchAlgorithm {

    /**
     * @param previous the trial's record before the change, or {@code null} for a new trial
     * @param current  the record that replaces it at the same number
     */
    void observe(TrialRecord previous, TrialRecord current);
}

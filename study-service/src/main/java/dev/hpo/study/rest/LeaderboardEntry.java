package dev.hpo.study.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.hpo.study.Study;
import dev.hpo.study.Trial;
import dev.hpo.study.service.ParamsJson;

/**
 * One row of a study's leaderboard. Trials are ranked by their best objective value in the study's direction
 * (ties: the earlier trial first); trials that have reported nothing yet come last, without a rank.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeaderboardEntry(
        Integer rank,
        String trialId,
        int number,
        Map<String, Object> params,
        Double value,
        Integer epoch,
        int epochsRun,
        String status,
        String runnerId) {

    static List<LeaderboardEntry> rank(Study study, List<Trial> trials) {
        Comparator<Double> byValue = study.maximize() ? Comparator.reverseOrder() : Comparator.naturalOrder();
        List<Trial> ordered = new ArrayList<>(trials);
        ordered.sort(Comparator.comparing((Trial t) -> t.bestValue, Comparator.nullsLast(byValue))
                .thenComparingInt(t -> t.number));
        List<LeaderboardEntry> entries = new ArrayList<>();
        int rank = 0;
        for (Trial t : ordered) {
            Integer position = t.bestValue == null ? null : ++rank;
            entries.add(new LeaderboardEntry(position, t.id.toString(), t.number, ParamsJson.readParams(t.params),
                    t.bestValue, t.bestEpoch, t.epochsRun, t.status.name(), t.runnerId));
        }
        return entries;
    }
}

package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RankedSetTest {

    private record Pair(double objective, int number) {
    }

    /**
     * Random additions and removals, with repeated objectives and missing ones, checked after every step against
     * counting by hand with {@link RungRanking#compare}.
     */
    @Test
    void countsAndFirstMatchALinearScan() {
        for (Direction direction : Direction.values()) {
            SplittableRandom random = new SplittableRandom(11);
            RankedSet set = new RankedSet(direction);
            List<Pair> present = new ArrayList<>();
            int nextNumber = 0;
            for (int step = 0; step < 3_000; step++) {
                if (present.isEmpty() || random.nextInt(3) > 0) {
                    double objective = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(50) / 50.0;
                    Pair added = new Pair(objective, nextNumber++);
                    set.add(added.objective(), added.number());
                    present.add(added);
                } else {
                    Pair removed = present.remove(random.nextInt(present.size()));
                    set.remove(removed.objective(), removed.number());
                }
                assertEquals(present.size(), set.size());
                Pair probe = new Pair(random.nextInt(10) == 0 ? Double.NaN : random.nextInt(50) / 50.0,
                        random.nextInt(nextNumber + 1));
                assertEquals(countBefore(present, probe, direction), set.countBefore(probe.objective(),
                        probe.number()), "step " + step);
                Pair best = present.stream().min((a, b) -> RungRanking.compare(a.objective(), a.number(),
                        b.objective(), b.number(), direction)).orElse(null);
                assertEquals(best == null ? -1 : best.number(), set.firstNumber());
            }
        }
    }

    @Test
    void removingAPairThatIsNotThereIsAnError() {
        RankedSet set = new RankedSet(Direction.MAXIMIZE);
        set.add(0.5, 1);

        assertThrows(IllegalStateException.class, () -> set.remove(0.6, 1));
        assertEquals(1, set.size());
    }

    private static int countBefore(List<Pair> pairs, Pair probe, Direction direction) {
        int count = 0;
        for (Pair p : pairs) {
            if (RungRanking.compare(p.objective(), p.number(), probe.objective(), probe.number(), direction) < 0) {
                count++;
            }
        }
        return count;
    }
}

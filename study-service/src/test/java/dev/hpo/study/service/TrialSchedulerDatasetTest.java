package dev.hpo.study.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hpo.protocol.DatasetSpec;
import dev.hpo.study.spec.StudySpec;

/** A trial request carries everything the study says about its dataset. Not a @QuarkusTest: plain mapping. */
class TrialSchedulerDatasetTest {

    @Test
    void everyDatasetFieldReachesTheTrialRequest() {
        StudySpec.Dataset csv = new StudySpec.Dataset("csv", 500, "/data/iris.csv", "species",
                List.of("petal_length", "petal_width"), 0.3);

        assertEquals(new DatasetSpec("csv", 500, "/data/iris.csv", "species", List.of("petal_length", "petal_width"),
                0.3), TrialScheduler.datasetSpec(csv));
        assertEquals(new DatasetSpec("fashion-mnist", null),
                TrialScheduler.datasetSpec(new StudySpec.Dataset("fashion-mnist", null)));
    }
}

package dev.hpo.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointReferencesTest {

    @Test
    void namesTheCheckpointAfterAnEpochByStudyTrialAndPaddedEpoch() {
        assertEquals("study-1/trial-7/epoch-0004.ckpt", CheckpointReferences.afterEpoch("study-1", "trial-7", 4));
        assertEquals("s/t/epoch-12345.ckpt", CheckpointReferences.afterEpoch("s", "t", 12345));
    }

    @Test
    void acceptsTheReferencesItMakes() {
        String reference = CheckpointReferences.afterEpoch("s1", "t1", 2);

        assertEquals(reference, CheckpointReferences.validate(reference));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/etc/passwd | must be a relative path",
            "s1/../../etc/passwd | must not contain '..'",
            "s1/t1/.. | must not contain '..'",
            ".. | must not contain '..'",
            "s1//t1/epoch-0001.ckpt | must not contain empty or '.' segments",
            "s1/./t1/epoch-0001.ckpt | must not contain empty or '.' segments",
            "s1/t1/ | must not contain empty or '.' segments",
            "s1\\t1\\epoch-0001.ckpt | must use '/' as separator",
            "C:/checkpoints/x.ckpt | must be a relative path",
            "'   ' | must not be empty"
    })
    void refusesUnsafeReferencesSayingWhy(String reference, String problem) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CheckpointReferences.validate(reference));

        assertTrue(error.getMessage().contains(problem), error.getMessage());
        assertTrue(error.getMessage().contains("'" + reference + "'"), error.getMessage());
    }

    @Test
    void refusesIdsThatWouldLeaveTheirDirectory() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CheckpointReferences.afterEpoch("..", "t1", 1));

        assertTrue(error.getMessage().startsWith("studyId cannot name a checkpoint directory: '..'"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CheckpointReferences.afterEpoch("s1", "a/b", 1));
    }

    @Test
    void namesTheDirectoryOfATrialWithATrailingSlash() {
        assertEquals("study-1/trial-7/", CheckpointReferences.trialPrefix("study-1", "trial-7"));
        assertThrows(IllegalArgumentException.class, () -> CheckpointReferences.trialPrefix("s1", ".."));
    }

    @Test
    void namesTheModelArchiveBesideItsCheckpoint() {
        assertEquals("s/t/epoch-0010.model.zip", CheckpointReferences.modelArchive("s/t/epoch-0010.ckpt"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s/t/epoch-0010.zip | ending in '.ckpt'",
            "s/t/.ckpt | ending in '.ckpt'",
            "s/t/epoch-0010.ckpt.bak | ending in '.ckpt'",
            "../t/epoch-0010.ckpt | must not contain '..'"
    })
    void aModelArchiveIsNamedOnlyAfterASafeCheckpointReference(String reference, String problem) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CheckpointReferences.modelArchive(reference));

        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }

    @Test
    void acceptsPrefixesWithOrWithoutATrailingSlash() {
        assertEquals("s1/t1/", CheckpointReferences.validatePrefix("s1/t1/"));
        assertEquals("s1/t1", CheckpointReferences.validatePrefix("s1/t1"));
        assertEquals("s1/", CheckpointReferences.validatePrefix("s1/"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/ | must be a relative path",
            "/s1/ | must be a relative path",
            "s1// | must not contain empty or '.' segments",
            "../ | must not contain '..'",
            "s1/../ | must not contain '..'",
            "'' | must not be empty"
    })
    void refusesUnsafePrefixesSayingWhy(String prefix, String problem) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CheckpointReferences.validatePrefix(prefix));

        assertTrue(error.getMessage().startsWith("checkpoint prefix " + problem), error.getMessage());
        assertTrue(error.getMessage().contains("'" + prefix + "'"), error.getMessage());
    }
}

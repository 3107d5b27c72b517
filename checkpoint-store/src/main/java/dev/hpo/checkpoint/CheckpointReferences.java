package dev.hpo.checkpoint;

import java.util.regex.Pattern;

/**
 * Names checkpoints and checks the names that come back in requests.
 * <p>
 * A reference is a relative path with forward slashes, {@code <studyId>/<trialId>/epoch-0004.ckpt}, resolved
 * against the checkpoint directory that all runners of a study share. References arrive from Kafka, so they are
 * checked before they touch the file system: no absolute paths, no {@code ..} or {@code .} segments, no empty
 * segments, no backslashes.
 */
public final class CheckpointReferences {

    public static final String EXAMPLE = "<studyId>/<trialId>/epoch-0004.ckpt";

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private CheckpointReferences() {
    }

    /** The reference of the checkpoint taken after {@code epoch} of a trial, e.g. {@code s1/t7/epoch-0004.ckpt}. */
    public static String afterEpoch(String studyId, String trialId, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        }
        return segment("studyId", studyId) + "/" + segment("trialId", trialId) + "/"
                + String.format("epoch-%04d.ckpt", epoch);
    }

    /**
     * Returns {@code reference} unchanged if it is a safe relative path.
     *
     * @throws IllegalArgumentException naming the reference and what is wrong with it
     */
    public static String validate(String reference) {
        if (reference == null || reference.isBlank()) {
            throw invalid(reference, "must not be empty");
        }
        if (reference.indexOf('\\') >= 0 || reference.indexOf('\0') >= 0) {
            throw invalid(reference, "must use '/' as separator and contain no backslash or NUL");
        }
        if (reference.startsWith("/") || WINDOWS_DRIVE.matcher(reference).matches()) {
            throw invalid(reference, "must be a relative path, not an absolute one");
        }
        for (String segment : reference.split("/", -1)) {
            if (segment.equals("..")) {
                throw invalid(reference, "must not contain '..'");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw invalid(reference, "must not contain empty or '.' segments");
            }
        }
        return reference;
    }

    private static String segment(String what, String value) {
        if (value == null || value.isBlank() || value.equals(".") || value.equals("..") || value.indexOf('/') >= 0
                || value.indexOf('\\') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " cannot name a checkpoint directory: '" + value
                    + "' (needs a non-empty name without '/', '\\' and other than '.' or '..')");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String reference, String problem) {
        return new IllegalArgumentException("checkpoint reference " + problem + " (expected a relative path like "
                + EXAMPLE + "), was '" + reference + "'");
    }
}

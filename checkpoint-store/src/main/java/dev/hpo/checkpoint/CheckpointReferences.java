package dev.hpo.checkpoint;

import java.util.regex.Pattern;

/**
 * Names checkpoints and checks the names that come back in requests.
 * <p>
 * A reference is a relative path with forward slashes, {@code <studyId>/<trialId>/epoch-0004.ckpt}, resolved
 * against the checkpoint store that all runners of a study share (a directory, or a bucket and key prefix).
 * References arrive from Kafka, so they are checked before they touch the storage: no absolute paths, no {@code ..}
 * or {@code .} segments, no empty segments, no backslashes. A prefix, such as a trial's {@code <studyId>/<trialId>/},
 * follows the same rules and may end in {@code /}.
 */
public final class CheckpointReferences {

    public static final String EXAMPLE = "<studyId>/<trialId>/epoch-0004.ckpt";

    public static final String PREFIX_EXAMPLE = "<studyId>/<trialId>/";

    private static final String CHECKPOINT_SUFFIX = ".ckpt";

    private static final String MODEL_ARCHIVE_SUFFIX = ".model.zip";

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private CheckpointReferences() {
    }

    /** The reference of the checkpoint taken after {@code epoch} of a trial, e.g. {@code s1/t7/epoch-0004.ckpt}. */
    public static String afterEpoch(String studyId, String trialId, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        }
        return segment("studyId", studyId) + "/" + segment("trialId", trialId) + "/"
                + String.format("epoch-%04d" + CHECKPOINT_SUFFIX, epoch);
    }

    /** The prefix under which every checkpoint of a trial is stored, e.g. {@code s1/t7/}. */
    public static String trialPrefix(String studyId, String trialId) {
        return segment("studyId", studyId) + "/" + segment("trialId", trialId) + "/";
    }

    /**
     * The reference of the model archive exported from a checkpoint, beside it: {@code s1/t7/epoch-0010.ckpt} gives
     * {@code s1/t7/epoch-0010.model.zip}.
     *
     * @throws IllegalArgumentException when the reference is unsafe or does not name a {@code .ckpt} file
     */
    public static String modelArchive(String checkpointReference) {
        String fileName = validate(checkpointReference).substring(checkpointReference.lastIndexOf('/') + 1);
        if (!fileName.endsWith(CHECKPOINT_SUFFIX) || fileName.length() == CHECKPOINT_SUFFIX.length()) {
            throw new IllegalArgumentException("a model archive is named after a checkpoint reference ending in '"
                    + CHECKPOINT_SUFFIX + "' (like " + EXAMPLE + "), was '" + checkpointReference + "'");
        }
        return checkpointReference.substring(0, checkpointReference.length() - CHECKPOINT_SUFFIX.length())
                + MODEL_ARCHIVE_SUFFIX;
    }

    /**
     * Returns {@code reference} unchanged if it is a safe relative path.
     *
     * @throws IllegalArgumentException naming the reference and what is wrong with it
     */
    public static String validate(String reference) {
        String problem = problem(reference);
        if (problem != null) {
            throw new IllegalArgumentException("checkpoint reference " + problem + " (expected a relative path like "
                    + EXAMPLE + "), was '" + reference + "'");
        }
        return reference;
    }

    /**
     * Returns {@code prefix} unchanged if it is a safe prefix of references: a safe relative path, optionally ending
     * in {@code /} (as {@link #trialPrefix} does).
     *
     * @throws IllegalArgumentException naming the prefix and what is wrong with it
     */
    public static String validatePrefix(String prefix) {
        String problem = prefix != null && prefix.endsWith("/") && !prefix.equals("/")
                ? problem(prefix.substring(0, prefix.length() - 1))
                : problem(prefix);
        if (problem != null) {
            throw new IllegalArgumentException("checkpoint prefix " + problem + " (expected a relative path like "
                    + PREFIX_EXAMPLE + "), was '" + prefix + "'");
        }
        return prefix;
    }

    /** What is wrong with a reference, or null when nothing is. */
    private static String problem(String reference) {
        if (reference == null || reference.isBlank()) {
            return "must not be empty";
        }
        if (reference.indexOf('\\') >= 0 || reference.indexOf('\0') >= 0) {
            return "must use '/' as separator and contain no backslash or NUL";
        }
        if (reference.startsWith("/") || WINDOWS_DRIVE.matcher(reference).matches()) {
            return "must be a relative path, not an absolute one";
        }
        for (String segment : reference.split("/", -1)) {
            if (segment.equals("..")) {
                return "must not contain '..'";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "must not contain empty or '.' segments";
            }
        }
        return null;
    }

    private static String segment(String what, String value) {
        if (value == null || value.isBlank() || value.equals(".") || value.equals("..") || value.indexOf('/') >= 0
                || value.indexOf('\\') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " cannot name a checkpoint directory: '" + value
                    + "' (needs a non-empty name without '/', '\\' and other than '.' or '..')");
        }
        return value;
    }
}

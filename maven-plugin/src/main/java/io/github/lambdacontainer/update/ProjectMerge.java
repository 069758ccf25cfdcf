package io.github.lambdacontainer.update;

import io.github.lambdacontainer.engine.ProjectFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * Merges a template change into a project three ways: base (the recorded archetype version with
 * the recorded answers), theirs (the target version with the new answers) and ours (the project
 * as it is). Pure: it reads the project through a function and returns what to write, so the
 * update, the diff and the tests share it.
 *
 * <p>Per path: nothing happens where the template did not change the file (whatever the user did
 * with it). Where it did: a file the user left as the template made it takes the template's new
 * version; a file both changed is merged line by line with JGit's {@link MergeAlgorithm}, and
 * where both changed the same lines differently the file gets conflict markers; a binary file
 * both changed keeps the user's version and gets the template's beside it ({@link #THEIRS_SUFFIX}).
 * A file the template removed is deleted only where the user left it unchanged. The executable bit
 * merges the same way: the template's change applies unless the user changed the bit.
 */
public final class ProjectMerge {

    /** Where the template's version of a binary file both sides changed is written, beside the user's. */
    public static final String THEIRS_SUFFIX = ".theirs";

    /** The record of what made the project: always the target's, never merged. */
    public static final String RECORD_PATH = ArchetypeRecord.PATH;

    /** What happens to one path of the project. */
    public enum Outcome {
        /** The template added the file; it is created. */
        CREATED("created"),
        /** The template changed the file and the user had not, or the changes merged without conflict. */
        UPDATED("updated"),
        /** The template removed the file and the user had not changed it; it is deleted. */
        DELETED("deleted"),
        /** The template removed the file but the user had changed it; it is kept. */
        KEPT_CHANGED("kept (removed by the template, changed by you)"),
        /** The template changed the file but the user had deleted it; it stays deleted. */
        KEPT_DELETED("left deleted (changed by the template, deleted by you)"),
        /** Both changed the same lines differently; written with conflict markers. */
        CONFLICT("conflict markers where both changed the same lines"),
        /** A binary file both changed: the user's kept, the template's beside it with {@link #THEIRS_SUFFIX}. */
        BINARY_CONFLICT("conflict (binary: yours kept, the template's beside it as " + THEIRS_SUFFIX + ")");

        private final String description;

        Outcome(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public boolean isConflict() {
            return this == CONFLICT || this == BINARY_CONFLICT;
        }
    }

    /**
     * One path's outcome. {@code merged} is the file to write at the path (null: delete it when the
     * outcome is {@link Outcome#DELETED}, else leave the path alone); {@code beside} is the file to
     * write at path + {@link #THEIRS_SUFFIX} (binary conflicts only).
     */
    public record FileMerge(String path, Outcome outcome, ProjectFile current, ProjectFile merged, ProjectFile beside) {}

    /** Names of the three sides, as the conflict markers show them. */
    public record Labels(String ours, String base, String theirs) {}

    private ProjectMerge() {
    }

    /**
     * @param ours the project's current file at a path, or null where it has none
     * @return every path whose file changes or that the user must look at, in path order
     */
    public static SortedMap<String, FileMerge> merge(Map<String, ProjectFile> base, Map<String, ProjectFile> theirs,
            Function<String, ProjectFile> ours, Labels labels) {
        SortedMap<String, FileMerge> merges = new TreeMap<>();
        TreeSet<String> paths = new TreeSet<>(base.keySet());
        paths.addAll(theirs.keySet());
        for (String path : paths) {
            FileMerge merge = mergeOne(path, base.get(path), theirs.get(path), ours.apply(path), labels);
            if (merge != null) {
                merges.put(path, merge);
            }
        }
        return merges;
    }

    private static FileMerge mergeOne(String path, ProjectFile base, ProjectFile theirs, ProjectFile ours, Labels labels) {
        if (same(base, theirs) && !path.equals(RECORD_PATH)) {
            return null;
        }
        if (same(ours, theirs)) {
            return null;
        }
        if (theirs == null) {
            if (ours == null) {
                return null;
            }
            return same(ours, base)
                    ? new FileMerge(path, Outcome.DELETED, ours, null, null)
                    : new FileMerge(path, Outcome.KEPT_CHANGED, ours, null, null);
        }
        if (ours == null) {
            return base == null
                    ? new FileMerge(path, Outcome.CREATED, null, theirs, null)
                    : new FileMerge(path, Outcome.KEPT_DELETED, null, null, null);
        }
        if (same(ours, base) || path.equals(RECORD_PATH)) {
            return new FileMerge(path, Outcome.UPDATED, ours, theirs, null);
        }
        boolean executable = mergeExecutable(base, ours, theirs);
        byte[] baseContent = base == null ? new byte[0] : base.content();
        if (Arrays.equals(ours.content(), theirs.content())) {
            // Only the executable bit differs, and the user changed it: theirs == ours handled above.
            return new FileMerge(path, Outcome.UPDATED, ours, new ProjectFile(ours.content(), executable), null);
        }
        if (Arrays.equals(ours.content(), baseContent)) {
            return new FileMerge(path, Outcome.UPDATED, ours, new ProjectFile(theirs.content(), executable), null);
        }
        if (Arrays.equals(theirs.content(), baseContent)) {
            // The template changed only the executable bit; the user's content stays.
            return new FileMerge(path, Outcome.UPDATED, ours, new ProjectFile(ours.content(), executable), null);
        }
        if (RawText.isBinary(baseContent) || RawText.isBinary(ours.content()) || RawText.isBinary(theirs.content())) {
            return new FileMerge(path, Outcome.BINARY_CONFLICT, ours, null, theirs);
        }
        MergeResult<RawText> result = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM))
                .merge(RawTextComparator.DEFAULT, new RawText(baseContent), new RawText(ours.content()),
                        new RawText(theirs.content()));
        ProjectFile merged = new ProjectFile(format(result, labels), executable);
        return new FileMerge(path, result.containsConflicts() ? Outcome.CONFLICT : Outcome.UPDATED, ours, merged, null);
    }

    /** The template's change of the bit applies unless the user changed it too. */
    private static boolean mergeExecutable(ProjectFile base, ProjectFile ours, ProjectFile theirs) {
        boolean baseExecutable = base == null ? theirs.executable() : base.executable();
        return ours.executable() == baseExecutable ? theirs.executable() : ours.executable();
    }

    private static byte[] format(MergeResult<RawText> result, Labels labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, result, List.of(labels.base(), labels.ours(), labels.theirs()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    static boolean same(ProjectFile a, ProjectFile b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.executable() == b.executable() && Arrays.equals(a.content(), b.content());
    }
}

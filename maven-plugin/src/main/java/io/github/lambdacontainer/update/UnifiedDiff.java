package io.github.lambdacontainer.update;

import io.github.lambdacontainer.engine.ProjectFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * What an update would change, as a git-style unified diff of the project before and after
 * (conflicts show the markers the update would write), so {@code git apply} takes it.
 */
final class UnifiedDiff {

    private UnifiedDiff() {
    }

    static String of(Collection<ProjectMerge.FileMerge> merges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            for (ProjectMerge.FileMerge merge : merges) {
                if (merge.outcome() == ProjectMerge.Outcome.DELETED) {
                    file(out, formatter, merge.path(), merge.current(), null);
                } else if (merge.merged() != null) {
                    file(out, formatter, merge.path(), merge.current(), merge.merged());
                }
                if (merge.beside() != null) {
                    file(out, formatter, merge.path() + ProjectMerge.THEIRS_SUFFIX, null, merge.beside());
                }
            }
            formatter.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void file(ByteArrayOutputStream out, DiffFormatter formatter, String path, ProjectFile before,
            ProjectFile after) throws IOException {
        formatter.flush();
        StringBuilder header = new StringBuilder("diff --git a/" + path + " b/" + path + "\n");
        if (before == null) {
            header.append("new file mode ").append(mode(after)).append('\n');
        } else if (after == null) {
            header.append("deleted file mode ").append(mode(before)).append('\n');
        } else if (before.executable() != after.executable()) {
            header.append("old mode ").append(mode(before)).append("\nnew mode ").append(mode(after)).append('\n');
        }
        byte[] a = before == null ? new byte[0] : before.content();
        byte[] b = after == null ? new byte[0] : after.content();
        if (java.util.Arrays.equals(a, b)) {
            out.write(header.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        String from = before == null ? "/dev/null" : "a/" + path;
        String to = after == null ? "/dev/null" : "b/" + path;
        if (RawText.isBinary(a) || RawText.isBinary(b)) {
            header.append("Binary files ").append(from).append(" and ").append(to).append(" differ\n");
            out.write(header.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        header.append("--- ").append(from).append('\n').append("+++ ").append(to).append('\n');
        out.write(header.toString().getBytes(StandardCharsets.UTF_8));
        RawText old = new RawText(a);
        RawText changed = new RawText(b);
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, old, changed);
        formatter.format(edits, old, changed);
        formatter.flush();
    }

    private static String mode(ProjectFile file) {
        return file.executable() ? "100755" : "100644";
    }
}

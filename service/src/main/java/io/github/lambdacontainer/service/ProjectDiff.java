package io.github.lambdacontainer.service;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.ProjectFile;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What changes from one generated project to another, as a unified diff with git's headers
 * ({@code diff --git}, new/deleted file and mode lines), so {@code git apply} takes it.
 */
final class ProjectDiff {

    static final int CONTEXT_LINES = 3;

    private ProjectDiff() {}

    static String between(GeneratedProject base, GeneratedProject target) {
        SortedSet<String> paths = new TreeSet<>(base.files().keySet());
        paths.addAll(target.files().keySet());
        StringBuilder out = new StringBuilder();
        for (String path : paths) {
            ProjectFile before = base.files().get(path);
            ProjectFile after = target.files().get(path);
            if (before != null && after != null && before.executable() == after.executable()
                    && java.util.Arrays.equals(before.content(), after.content())) {
                continue;
            }
            out.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
            if (before == null) {
                out.append("new file mode ").append(mode(after)).append('\n');
            } else if (after == null) {
                out.append("deleted file mode ").append(mode(before)).append('\n');
            } else if (before.executable() != after.executable()) {
                out.append("old mode ").append(mode(before)).append('\n').append("new mode ").append(mode(after)).append('\n');
            }
            List<String> oldLines = ProjectText.lines(before);
            List<String> newLines = ProjectText.lines(after);
            if (oldLines == null || newLines == null) {
                out.append("Binary files ").append(before == null ? "/dev/null" : "a/" + path).append(" and ")
                        .append(after == null ? "/dev/null" : "b/" + path).append(" differ\n");
                continue;
            }
            if (oldLines.equals(newLines)) {
                continue;   // the mode alone changed
            }
            List<String> hunks = UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : "a/" + path,
                    after == null ? "/dev/null" : "b/" + path, oldLines, DiffUtils.diff(oldLines, newLines), CONTEXT_LINES);
            hunks.forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    private static String mode(ProjectFile file) {
        return Integer.toOctalString(ProjectArchive.modeOf(file));
    }
}

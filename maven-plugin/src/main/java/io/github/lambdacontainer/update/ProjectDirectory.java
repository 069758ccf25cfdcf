package io.github.lambdacontainer.update;

import io.github.lambdacontainer.engine.ProjectFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The project on disk: its files as the merge reads them, its git state, and where the merge writes. */
final class ProjectDirectory {

    private final Path root;

    ProjectDirectory(Path root) {
        this.root = root;
    }

    /** The file at a '/'-separated path, or null where there is none. */
    ProjectFile read(String path) {
        Path file = root.resolve(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return new ProjectFile(Files.readAllBytes(file), Files.isExecutable(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Refuses unless the project lies in a git working tree with nothing uncommitted under it
     * (untracked files included, ignored ones not): then the update's changes are all that
     * {@code git diff} shows, and {@code git checkout .} undoes them.
     */
    void requireCleanGitTree() throws UpdateRefusedException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
        if (builder.getGitDir() == null) {
            throw new UpdateRefusedException("The project at " + root + " is not in a git repository, so the update's "
                    + "changes could neither be reviewed nor undone. Commit it first: git init && git add -A && "
                    + "git commit -m \"Before the archetype update\"");
        }
        try (Repository repository = builder.setMustExist(true).build(); Git git = new Git(repository)) {
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            String under = workTree.relativize(root.toRealPath()).toString().replace('\\', '/');
            var command = git.status();
            if (!under.isEmpty()) {
                command.addPath(under);
            }
            Status status = command.call();
            Set<String> uncommitted = new TreeSet<>(status.getUncommittedChanges());
            uncommitted.addAll(status.getUntracked());
            if (!uncommitted.isEmpty()) {
                throw new UpdateRefusedException("The project's git working tree has uncommitted changes ("
                        + firstFew(uncommitted) + "). Commit or stash them first (git add -A && git commit, or "
                        + "git stash -u), so that the update's changes stand alone and can be reviewed and undone.");
            }
        } catch (IOException | GitAPIException e) {
            throw new UpdateRefusedException("The git status of " + root + " cannot be read (" + e.getMessage()
                    + "). Check the repository with git status, then run the update again.", e);
        }
    }

    /** Writes the merge: each merged file, each file beside a binary conflict; deletes the deleted. */
    void apply(Collection<ProjectMerge.FileMerge> merges) throws IOException {
        for (ProjectMerge.FileMerge merge : merges) {
            if (merge.outcome() == ProjectMerge.Outcome.DELETED) {
                Files.delete(root.resolve(merge.path()));
            }
            if (merge.merged() != null) {
                write(merge.path(), merge.merged());
            }
            if (merge.beside() != null) {
                write(merge.path() + ProjectMerge.THEIRS_SUFFIX, merge.beside());
            }
        }
    }

    private void write(String path, ProjectFile file) throws IOException {
        Path target = root.resolve(path);
        Files.createDirectories(target.getParent());
        Files.write(target, file.content());
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            for (PosixFilePermission execute : Set.of(PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE)) {
                if (file.executable()) {
                    permissions.add(execute);
                } else {
                    permissions.remove(execute);
                }
            }
            view.setPermissions(permissions);
        } else {
            target.toFile().setExecutable(file.executable(), false);
        }
    }

    private static String firstFew(Set<String> paths) {
        int shown = 5;
        String listed = String.join(", ", paths.stream().limit(shown).toList());
        return paths.size() > shown ? listed + " and " + (paths.size() - shown) + " more" : listed;
    }
}

package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.ProjectFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A generated project as a zip or a gzipped tar, under a top-level folder named after its artifactId,
 * with Unix modes: executable files 0755, others 0644, folders 0755. Built whole in memory, so a
 * failure never leaves a client with part of an archive.
 */
enum ProjectArchive {

    ZIP("application/zip", ".zip") {
        @Override
        void write(GeneratedProject project, OutputStream out) throws IOException {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
                for (String folder : folders(project)) {
                    ZipArchiveEntry entry = new ZipArchiveEntry(folder + "/");
                    entry.setUnixMode(FOLDER_MODE);
                    zip.putArchiveEntry(entry);
                    zip.closeArchiveEntry();
                }
                for (Map.Entry<String, ProjectFile> file : project.files().entrySet()) {
                    ZipArchiveEntry entry = new ZipArchiveEntry(project.artifactId() + "/" + file.getKey());
                    entry.setUnixMode(modeOf(file.getValue()));
                    zip.putArchiveEntry(entry);
                    zip.write(file.getValue().content());
                    zip.closeArchiveEntry();
                }
            }
        }
    },

    TGZ("application/gzip", ".tgz") {
        @Override
        void write(GeneratedProject project, OutputStream out) throws IOException {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                Date now = new Date();
                for (String folder : folders(project)) {
                    TarArchiveEntry entry = new TarArchiveEntry(folder + "/");
                    entry.setMode(FOLDER_MODE);
                    entry.setModTime(now);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                }
                for (Map.Entry<String, ProjectFile> file : project.files().entrySet()) {
                    TarArchiveEntry entry = new TarArchiveEntry(project.artifactId() + "/" + file.getKey());
                    entry.setMode(modeOf(file.getValue()));
                    entry.setSize(file.getValue().content().length);
                    entry.setModTime(now);
                    tar.putArchiveEntry(entry);
                    tar.write(file.getValue().content());
                    tar.closeArchiveEntry();
                }
            }
        }
    };

    static final int FOLDER_MODE = 040755;
    static final int EXECUTABLE_MODE = 0100755;
    static final int FILE_MODE = 0100644;

    private final String mediaType;
    private final String extension;

    ProjectArchive(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String mediaType() {
        return mediaType;
    }

    String fileName(GeneratedProject project) {
        return project.artifactId() + extension;
    }

    /**
     * The archive's bytes. Refuses a project whose folder or file names could land outside the folder it
     * is unpacked in (the engine's rules refuse such an artifactId first; this holds whatever it lets by).
     */
    byte[] bytes(GeneratedProject project) throws ProblemException {
        if (!isPlainName(project.artifactId())) {
            throw new ProblemException(List.of("Invalid value for parameter 'artifactId': '"
                    + ProjectParameters.printable(project.artifactId()) + "'. It names the archive's top folder: "
                    + "letters, digits, '_', '-' and '.' without '..', not starting with '.'."), Map.of("artifactId", project.artifactId()));
        }
        for (String path : project.files().keySet()) {
            if (path.startsWith("/") || Arrays.stream(path.split("/", -1)).anyMatch(segment -> segment.isEmpty()
                    || segment.equals(".") || segment.equals("..") || segment.chars().anyMatch(c -> c == '\\' || c < 0x20))) {
                throw new IllegalStateException("the engine made a file path that leaves the project: " + path);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try {
            write(project, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // writing to memory: not the client's doing
        }
        return out.toByteArray();
    }

    abstract void write(GeneratedProject project, OutputStream out) throws IOException;

    static boolean isPlainName(String name) {
        return name.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]*") && !name.contains("..");
    }

    static int modeOf(ProjectFile file) {
        return file.executable() ? EXECUTABLE_MODE : FILE_MODE;
    }

    /** The top-level folder and every folder above a file, parents first. */
    static SortedSet<String> folders(GeneratedProject project) {
        SortedSet<String> folders = new TreeSet<>();
        folders.add(project.artifactId());
        for (String path : project.files().keySet()) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                folders.add(project.artifactId() + "/" + path.substring(0, slash));
            }
        }
        return folders;
    }
}

package io.github.lambdacontainer.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** An archive's entries as the tests compare them: path to (Unix mode, bytes). */
final class ProjectArchives {

    record Entry(int mode, byte[] content) {}

    private ProjectArchives() {}

    static TreeMap<String, Entry> ofZip(byte[] zip) throws IOException {
        TreeMap<String, Entry> entries = new TreeMap<>();
        try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(file.getEntries())) {
                entries.put(entry.getName(), new Entry(entry.getUnixMode(), file.getInputStream(entry).readAllBytes()));
            }
        }
        return entries;
    }

    static TreeMap<String, Entry> ofTgz(byte[] tgz) throws IOException {
        TreeMap<String, Entry> entries = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
            for (ArchiveEntry next = tar.getNextEntry(); next != null; next = tar.getNextEntry()) {
                TarArchiveEntry entry = (TarArchiveEntry) next;
                entries.put(entry.getName(), new Entry(entry.getMode(), tar.readAllBytes()));
            }
        }
        return entries;
    }
}

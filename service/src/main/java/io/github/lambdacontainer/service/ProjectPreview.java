package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.ProjectFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /preview: the project's folder name and every file with its text (null for a binary file), paths relative to that folder. */
final class ProjectPreview {

    private ProjectPreview() {}

    static String json(GeneratedProject project) {
        List<Object> files = new ArrayList<>();
        for (Map.Entry<String, ProjectFile> file : project.files().entrySet()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("path", file.getKey());
            json.put("executable", file.getValue().executable());
            json.put("size", file.getValue().content().length);
            json.put("text", ProjectText.of(file.getValue()));
            files.add(json);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("folder", project.artifactId());   // the top folder of the archives
        document.put("files", files);
        return Json.write(document);
    }
}

package dev.switchboard.deploy;

import java.nio.file.Path;

/** The checkout these checks read: the chart, compose, the Dockerfile, the dashboards and the packaged jars. */
final class Repository {

    private Repository() {
    }

    static Path home() {
        return Path.of(System.getProperty("switchboard.home", "..")).toAbsolutePath().normalize();
    }
}

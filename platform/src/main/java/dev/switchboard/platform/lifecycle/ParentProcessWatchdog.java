package dev.switchboard.platform.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ends this service when the process that launched it (the local stack) is gone, so that even a launcher killed
 * with SIGKILL leaves no stray service behind.
 */
class ParentProcessWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdog.class);

    ParentProcessWatchdog(ConfigurableApplicationContext context, long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(parent -> parent.onExit().thenRun(() -> exit(context, parentPid)),
                () -> exit(context, parentPid));
    }

    private static void exit(ConfigurableApplicationContext context, long parentPid) {
        log.warn("Launcher process {} has exited; shutting down", parentPid);
        System.exit(SpringApplication.exit(context));
    }
}

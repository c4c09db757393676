package org.suptools.workbench;

import javafx.application.Application;

/**
 * The entry point. A class apart from the {@link WorkbenchApp}, so that JavaFX starts from the
 * class path (the launcher's way) without complaining that its modules are missing.
 */
public final class WorkbenchMain {

    private WorkbenchMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Usage: sup-workbench [SPEC | PACKAGE_DIR | FILE.sup]");
            System.out.println("Opens the SUP Workbench, the desktop editor for software update packages.");
            return;
        }
        Application.launch(WorkbenchApp.class, args);
    }
}

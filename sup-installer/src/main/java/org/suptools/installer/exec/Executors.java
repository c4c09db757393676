package org.suptools.installer.exec;

import org.suptools.model.action.Action;
import org.suptools.model.action.ArchiveExtract;
import org.suptools.model.action.CertificateInstall;
import org.suptools.model.action.CommandRun;
import org.suptools.model.action.DirCreate;
import org.suptools.model.action.FileCopy;
import org.suptools.model.action.FileDelete;
import org.suptools.model.action.FirmwareUpdate;
import org.suptools.model.action.LicenseInstall;
import org.suptools.model.action.PackageInstall;
import org.suptools.model.action.PropertiesSet;
import org.suptools.model.action.RuntimeRestart;
import org.suptools.model.action.RuntimeStart;
import org.suptools.model.action.RuntimeStop;
import org.suptools.model.action.ScriptRun;
import org.suptools.model.action.SystemReboot;
import org.suptools.model.action.Verify;

/** The executor of each action type. */
public final class Executors {

    private Executors() {
    }

    /**
     * The executor for an action. A switch over the action's type (the sealed hierarchy's enum;
     * pattern matching over sealed types is not final in Java 17): the compiler insists every
     * type has a case.
     */
    public static ActionExecutor of(Action action) {
        return switch (action.type()) {
            case RUNTIME_STOP -> new RuntimeStopExecutor((RuntimeStop) action);
            case RUNTIME_START -> new RuntimeStartExecutor((RuntimeStart) action);
            case RUNTIME_RESTART -> new RuntimeRestartExecutor((RuntimeRestart) action);
            case FIRMWARE_UPDATE -> new FirmwareUpdateExecutor((FirmwareUpdate) action);
            case FILE_COPY -> new FileCopyExecutor((FileCopy) action);
            case FILE_DELETE -> new FileDeleteExecutor((FileDelete) action);
            case DIR_CREATE -> new DirCreateExecutor((DirCreate) action);
            case ARCHIVE_EXTRACT -> new ArchiveExtractExecutor((ArchiveExtract) action);
            case PROPERTIES_SET -> new PropertiesSetExecutor((PropertiesSet) action);
            case COMMAND_RUN -> new CommandRunExecutor((CommandRun) action);
            case SCRIPT_RUN -> new ScriptRunExecutor((ScriptRun) action);
            case PACKAGE_INSTALL -> new PackageInstallExecutor((PackageInstall) action);
            case CERTIFICATE_INSTALL -> new CertificateInstallExecutor((CertificateInstall) action);
            case LICENSE_INSTALL -> new LicenseInstallExecutor((LicenseInstall) action);
            case VERIFY -> new VerifyExecutor((Verify) action);
            case SYSTEM_REBOOT -> new SystemRebootExecutor((SystemReboot) action);
        };
    }
}

package org.suptools.workbench.service;

import java.util.List;

/** Where the Packages tab finds a run's confirmation.json and audit lines: the local gateway's files, or the agent's answer. */
public interface RunReportSource {

    /** The text of confirmation.json for this install, or a note why it is not shown. */
    String confirmation(String installId);

    /** The audit log lines this run added. */
    List<String> auditLinesSince();
}

package io.errcat.smoke;

import io.errcat.AuditReport;
import io.errcat.Errcat;
import io.errcat.ErrcatException;
import java.nio.file.Paths;
import java.util.Collections;

/**
 * Run by ProcessTest in a JVM of its own: analyses the audit log named by the first argument, which the test
 * truncates meanwhile. Prints {@code start} just before the analysis, then {@code <lines> <malformed>} and the JSON
 * report, or {@code error <kind>} and the message; exits normally either way (a signal would end it otherwise).
 */
public final class AuditTruncation {
    private AuditTruncation() {}

    public static void main(String[] args) {
        Errcat.lookup("Arklet.InstallBizFailed"); // the library and the answer table are loaded before the analysis
        System.out.println("start");
        System.out.flush();
        try {
            AuditReport r = Errcat.analyzeAudit(Collections.singletonList(Paths.get(args[0])));
            System.out.println(r.lines() + " " + r.malformed());
            System.out.println(r.toJson());
        } catch (ErrcatException e) {
            System.out.println("error " + e.kind().catalogName());
            System.out.println(e.getMessage());
        }
    }
}

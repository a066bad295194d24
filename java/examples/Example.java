import io.errcat.ArkletCall;
import io.errcat.ArkletClassification;
import io.errcat.CodedError;
import io.errcat.Errcat;
import io.errcat.ErrcatException;
import io.errcat.Lang;
import io.errcat.Resolved;
import io.errcat.StatusEntry;
import io.errcat.StatusMatch;

/** A program that uses only errcat's public API: `java -cp errcat-0.1.0.jar:. Example`. */
public class Example {
    public static void main(String[] args) {
        Resolved r = Errcat.lookup("Arklet.InstallBizFailed");
        System.out.println(r + " (" + r.reporter() + "): " + r.entry().meaning() + " / " + r.entry().meaning(Lang.ZH));

        Resolved alias = Errcat.lookup("ModuleController.ResourceConstrained");
        System.out.println("ModuleController.ResourceConstrained -> " + alias + " (alias " + alias.alias().orElse("-")
                + ", retryable: " + alias.entry().retryable() + ")");

        for (String version : new String[] {"v3.5.0", "master"}) {
            StatusMatch m = Errcat.status(552, version);
            StatusEntry e = m.entry();
            System.out.println("552 at " + version + ": " + e.message() + " (" + e.service() + ", retry: " + e.retry()
                    + ", valid: " + m.isValid() + ", defined in " + e.versions().get(0) + ".."
                    + e.versions().get(e.versions().size() - 1)
                    + (e.renumberedTo().isPresent() ? ", now " + e.renumberedTo().getAsInt() : "") + ")");
        }

        try {
            Errcat.lookup("Arklet.InstallBizFailes");
        } catch (ErrcatException e) {
            System.out.println(e.kind() + ": " + e.getMessage() + " -> " + e.suggestions());
        }

        CodedError err = CodedError.of("Arklet.InstallBizFailed", "install biz demo:1.0.0 failed")
                .withCause(CodedError.of("User.MetaspaceFull", "Metaspace 512m used"));
        System.out.println(err.toProblemJson());
        System.out.println(err.toArkletJson());
        System.out.println(Errcat.entries().size() + " entries in the catalog");

        // Which code a real Arklet answer means (the byte[] overload takes the body as received).
        String body = "{\"code\":\"FAILED\",\"data\":{\"code\":\"REPEAT_BIZ\",\"message\":"
                + "\"Biz: demo:1.0.0 has been installed or registered.\"},\"message\":\"install biz not success!\"}";
        ArkletClassification c = Errcat.classifyArklet(body, ArkletCall.http("installBiz"));
        Resolved code = c.code().get(); // the same object Errcat.lookup returns
        System.out.println(c.outcome() + " " + code + " (" + c.rule() + "): " + code.entry().meaning(Lang.ZH)
                + "; biz " + c.evidence().placeholder("bizName").orElse("?") + " "
                + c.evidence().placeholder("bizVersion").orElse("?") + "; retryable: " + c.retryable().orElse(null));
        System.out.println(Errcat.enrichArklet(body, ArkletCall.http("installBiz")));
        try {
            Errcat.classifyArklet("{\"code\":\"FAILED\",\"message\":\"install biz failed!\"}", ArkletCall.http());
        } catch (ErrcatException e) {
            System.out.println(e.kind() + ": " + e.getMessage()); // never a guess
        }
    }
}

import io.errcat.kotlin.Errcat;
import io.errcat.kotlin.ErrcatException;
import io.errcat.kotlin.Resolved;
import io.errcat.kotlin.StatusMatch;

/**
 * The errcat-kotlin JAR from plain javac/java (its Maven dependencies, kotlin-stdlib and JNA, on the class path):
 * the documented entry point, the Errcat object, as Java sees it.
 */
public class KotlinExample {
    public static void main(String[] args) throws Exception {
        Resolved r = Errcat.INSTANCE.lookup("Arklet.InstallBizFailed", null);
        System.out.println(r.getCode() + ": " + r.getEntry().getMeaning().getEn());
        StatusMatch m = Errcat.INSTANCE.status(552L, "v3.5.0");
        System.out.println("552 at v3.5.0: " + m.getEntry().getMessage() + ", valid: " + m.getValid());
        try {
            Errcat.INSTANCE.lookup("Arklet.InstallBizFailes", null);
            throw new AssertionError("an unknown code was found");
        } catch (ErrcatException.NotFound e) {
            System.out.println("NotFound: did you mean " + e.getSuggestions() + "?");
        }
        System.out.println("errcat " + Errcat.INSTANCE.getVersion());
    }
}

package io.errcat.smoke;

import io.errcat.Errcat;

/** Calls errcat twice where the library cannot load; prints each error so ProcessTest can read them. */
public final class LoadError {
    private LoadError() {}

    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            try {
                Errcat.lookup("Arklet.InstallBizFailed");
                System.out.println("loaded");
            } catch (Throwable t) {
                System.out.println(t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }
}

package org.suptools.workbench.viewmodel;

/** A count with its noun in the right number: "1 error", "2 errors", "0 warnings". */
public final class Counts {

    private Counts() {
    }

    public static String of(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}

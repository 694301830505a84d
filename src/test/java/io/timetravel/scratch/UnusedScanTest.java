package io.timetravel.scratch;

import com.tngtech.archunit.core.domain.*;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class UnusedScanTest {
    @Test
    void scan() throws Exception {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.timetravel");
        JavaClasses all = new ClassFileImporter().importPackages("io.timetravel");
        List<String> out = new ArrayList<>();
        for (JavaClass c : main) {
            if (c.getPackageName().contains(".jooq")) continue;
            for (JavaCodeUnit m : c.getCodeUnits()) {
                if (m.getModifiers().contains(JavaModifier.SYNTHETIC) || m.getModifiers().contains(JavaModifier.BRIDGE)) continue;
                String n = m.getName();
                if (n.equals("main") || n.startsWith("lambda$") || n.equals("<clinit>") || n.equals("values") || n.equals("valueOf")) continue;
                if (m.getAnnotations().size() > 0 && m.getAnnotations().stream().anyMatch(a -> a.getRawType().getName().contains("FXML") || a.getRawType().getName().contains("picocli") || a.getRawType().getName().contains("Override"))) continue;
                if (overrides(c, m)) continue;
                if (c.isRecord() && m instanceof JavaMethod && m.getRawParameterTypes().isEmpty()) continue;
                if (n.equals("toString") || n.equals("equals") || n.equals("hashCode") || n.equals("close") || n.equals("run") || n.equals("call") || n.equals("initialize")) continue;
                JavaClass same = main.get(c.getName());
                long mainUses = m.getAccessesToSelf().stream().filter(a -> !a.getOriginOwner().equals(c) || !a.getOrigin().equals(m)).count();
                if (mainUses > 0) continue;
                // method refs
                boolean ref = main.stream().flatMap(x -> x.getCodeUnits().stream()).anyMatch(u -> u.getMethodReferencesFromSelf().stream().anyMatch(r -> r.getTarget().getName().equals(n) && r.getTargetOwner().equals(c))
                    || u.getConstructorReferencesFromSelf().stream().anyMatch(r -> r.getTargetOwner().equals(c) && n.equals("<init>")));
                if (ref) continue;
                JavaClass full = all.get(c.getName());
                JavaCodeUnit fm = full.getCodeUnitWithParameterTypeNames(n, m.getRawParameterTypes().stream().map(JavaClass::getName).toArray(String[]::new));
                long testUses = fm.getAccessesToSelf().size();
                out.add((testUses > 0 ? "TESTONLY " : "UNUSED   ") + c.getName() + "." + n + m.getRawParameterTypes().stream().map(JavaClass::getSimpleName).toList());
            }
            for (JavaField f : c.getFields()) {
                if (f.getModifiers().contains(JavaModifier.SYNTHETIC)) continue;
                if (f.getAnnotations().size() > 0) continue;
                if (c.isEnum() || c.isRecord()) continue;
                if (f.getAccessesToSelf().isEmpty()) out.add("FIELD    " + c.getName() + "." + f.getName());
            }
        }
        Collections.sort(out);
        Files.write(Path.of("/tmp/unused.txt"), out);
    }

    private static boolean overrides(JavaClass c, JavaCodeUnit m) {
        if (!(m instanceof JavaMethod)) return false;
        String[] params = m.getRawParameterTypes().stream().map(JavaClass::getName).toArray(String[]::new);
        for (JavaClass s : c.getAllRawSuperclasses()) if (s.tryGetMethod(m.getName(), params).isPresent()) return true;
        for (JavaClass i : c.getAllRawInterfaces()) if (i.tryGetMethod(m.getName(), params).isPresent()) return true;
        // interface methods implemented elsewhere
        if (c.isInterface()) return !c.getAllSubclasses().isEmpty() || true;
        return false;
    }
}

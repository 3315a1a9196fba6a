package dev.compactor.jobs.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile as its instructions: comments dropped, backslash continuations joined. Enough to
 * check what an image runs without a Docker engine (there is none on the build machine).
 */
record Dockerfile(List<Instruction> instructions) {

  /** One instruction, e.g. {@code COPY} with arguments {@code conf/ /opt/compactor/conf/}. */
  record Instruction(String keyword, String arguments) {
    /** The words of the arguments, flags such as {@code --from=build} included. */
    List<String> words() {
      return List.of(arguments.trim().split("\\s+"));
    }
  }

  static Dockerfile parse(String text) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue;
      }
      boolean continues = trimmed.endsWith("\\");
      current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
      if (!continues) {
        String joined = current.toString().strip();
        int space = joined.indexOf(' ');
        instructions.add(
            new Instruction(
                joined.substring(0, space).toUpperCase(Locale.ROOT), joined.substring(space + 1)));
        current.setLength(0);
      }
    }
    return new Dockerfile(instructions);
  }

  /** The instructions of the last stage: the image that is shipped. */
  List<Instruction> finalStage() {
    int from = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        from = i;
      }
    }
    return instructions.subList(from, instructions.size());
  }

  List<Instruction> all(String keyword) {
    return finalStage().stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** The last instruction of this kind in the final stage, which is the one Docker uses. */
  Instruction last(String keyword) {
    List<Instruction> found = all(keyword);
    if (found.isEmpty()) {
      throw new AssertionError("no " + keyword + " in the final stage");
    }
    return found.get(found.size() - 1);
  }
}

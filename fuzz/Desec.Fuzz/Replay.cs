namespace Desec.Fuzz;

/// <summary>Runs a target on files outside afl-fuzz: to check a corpus, or to see the stack of a crash afl-fuzz saved.</summary>
public static class Replay
{
    /// <returns>0 when every input kept the contract, 1 otherwise.</returns>
    public static int Run(IFuzzTarget target, IEnumerable<string> paths)
    {
        int failed = 0, total = 0;
        foreach (var path in paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p) : [p]).Order(StringComparer.Ordinal))
        {
            total++;
            try
            {
                target.Run(File.ReadAllBytes(path));
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"{path}: {e}");
            }
        }
        Console.WriteLine($"{target.Name}: {total} inputs, {failed} broke the contract");
        return failed == 0 ? 0 : 1;
    }
}

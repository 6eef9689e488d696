namespace Desec.Fuzz;

/// <summary>
/// One entry point under the fuzzer. <see cref="Run"/> feeds it one input and lets through only
/// what breaks the entry point's contract: it catches the exception the entry point documents for
/// bad input, so any other exception (or a hang) is a finding.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name <c>fuzz/run.sh</c> and the corpus folder use.</summary>
    string Name { get; }

    void Run(byte[] input);
}

/// <summary>An entry point did something its contract rules out without throwing (a length out of range, a stream that never ends).</summary>
public sealed class ContractException(string message) : Exception(message);

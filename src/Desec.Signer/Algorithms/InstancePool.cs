using System.Collections.Concurrent;

namespace Desec.Signer.Algorithms;

/// <summary>
/// Copies of one key object, handed to one thread at a time. .NET documents no thread safety for
/// an <see cref="System.Security.Cryptography.ECDsa"/> or <see cref="System.Security.Cryptography.RSA"/>
/// instance, and signing runs on every core at once; a lock would serialize it. Each thread
/// rents a copy (a new one when none is idle), uses it alone and returns it.
/// </summary>
/// <remarks>
/// Measured with ECDSA P-256 (200-octet messages, Parallel.For, 2 cores, a busy machine so the
/// numbers were noisy): a lock stayed near one core's rate; pooled copies and thread-local copies
/// were alike and faster. A pool was chosen over thread-local copies because it can dispose its
/// copies and does not keep one per thread-pool thread that ever signed. <see cref="ConcurrentBag{T}"/>
/// keeps a list per thread, so a thread gets back the copy it returned without contention. The pool
/// never holds more copies than threads that used it at the same time.
/// </remarks>
internal sealed class InstancePool<T>(Func<T> create) : IDisposable where T : class, IDisposable
{
    private readonly ConcurrentBag<T> _idle = [];
    private bool _disposed;

    public T Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryTake(out var instance) ? instance : create();
    }

    public void Return(T instance)
    {
        if (_disposed) { instance.Dispose(); return; }
        _idle.Add(instance);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var instance)) { instance.Dispose(); }
    }
}

using Microsoft.AspNetCore.Http.Features;

namespace Payments.Functions.Lambda.Http;

/// <summary>A response held in memory until the pipeline is done; runs the OnStarting callbacks before it is read, as Kestrel would before the first byte.</summary>
internal sealed class LambdaResponseFeature : IHttpResponseFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _starting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _completed = [];

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    public Stream Body { get; set; } = new MemoryStream();

    public bool HasStarted { get; private set; }

    public void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => _completed.Add((callback, state));

    public async Task Start()
    {
        if (HasStarted)
        {
            return;
        }

        HasStarted = true;
        for (var i = _starting.Count - 1; i >= 0; i--)
        {
            await _starting[i].Callback(_starting[i].State).ConfigureAwait(false);
        }
    }

    public async Task Complete()
    {
        for (var i = _completed.Count - 1; i >= 0; i--)
        {
            await _completed[i].Callback(_completed[i].State).ConfigureAwait(false);
        }
    }
}

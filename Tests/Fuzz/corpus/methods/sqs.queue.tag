{"jsonrpc":"2.0","id":1,"method":"sqs.queue.create","params":{"name":"jobs","tags":{"team":"web"}}}
{"jsonrpc":"2.0","id":"sqs.queue.tag","method":"sqs.queue.tag","params":{"queue":"jobs","tags":{"env":"prod"}}}

{"jsonrpc":"2.0","id":1,"method":"ecr.repository.create","params":{"name":"team/web","tags":{"team":"a"}}}
{"jsonrpc":"2.0","id":"ecr.repository.tag","method":"ecr.repository.tag","params":{"name":"team/web","tags":{"env":"dev"}}}

// API Gateway's answer to a request its JWT authorizer refuses, written out from AWS's documentation ("Working
// with JWT authorizers", troubleshooting): 401, `{"message":"Unauthorized"}`, and a challenge naming why when
// there was a token to judge.
export const refusal = (description?: string) => ({
  ok: false,
  response: {
    statusCode: 401,
    headers: {
      "content-type": "application/json",
      "www-authenticate":
        description === undefined
          ? "Bearer"
          : `Bearer scope="" error="invalid_token" error_description="${description}"`,
    },
    body: '{"message":"Unauthorized"}',
  },
});

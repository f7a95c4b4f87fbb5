resource "aws_s3_bucket" "legacy" {
  bucket = "clinic-legacy"
  policy = <<POLICY # expect: tf-bucket-public
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": "s3:GetObject",
      "Resource": "${aws_s3_bucket.legacy.arn}/*"
    }
  ]
}
POLICY
}

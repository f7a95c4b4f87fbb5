resource "aws_s3_bucket" "this" {
  bucket_prefix = "clinic-store-"
}

output "bucket_id" {
  value = aws_s3_bucket.this.id
}
